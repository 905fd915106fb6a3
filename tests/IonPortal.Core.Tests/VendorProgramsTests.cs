using IonPortal.Core.Accounts;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Paging;
using IonPortal.Core.Resellers;
using IonPortal.Core.Validation;
using IonPortal.Core.VendorPrograms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IonPortal.Core.Tests;

/// <summary>Vendor programs: asked for by a reseller, decided by an operator, emailed both ways, and the gate checkout asks.</summary>
public class VendorProgramsTests
{
    [Fact]
    public async Task A_reseller_asks_an_operator_decides_and_only_an_approved_program_lets_it_sell()
    {
        await using var harness = await DomainHarness.CreateAsync("programs");
        var ses = await harness.AddResellerAsync("ses");
        var other = await harness.AddResellerAsync("other");
        var owner = await harness.AddStaffAsync(ses.Id, PortalRoles.Owner, "owner@ses.test");
        var sales = await harness.AddStaffAsync(ses.Id, PortalRoles.Sales, "sales@ses.test");
        var op = await harness.AddUserAsync(PortalUser.Operator("op@platform.test", "Op", DateTimeOffset.UtcNow));

        async Task<T> AsAsync<T>(Guid? reseller, PortalUser who, Func<IServiceProvider, Task<T>> work)
        {
            await using var scope = harness.Scope(reseller, who);
            return await work(scope.ServiceProvider);
        }
        Task<Outcome> GateAsync(Guid reseller, string provider) => AsAsync(reseller, owner, s => s.GetRequiredService<VendorProgramGate>().CheckAsync(provider));

        var forbidden = await AsAsync(ses.Id, sales, s => s.GetRequiredService<VendorPrograms.VendorPrograms>().RequestAsync("microsoft-csp", "ses.example", true));
        var invalid = await AsAsync(ses.Id, owner, s => s.GetRequiredService<VendorPrograms.VendorPrograms>().RequestAsync("nope", "not a domain", false));
        var requested = await AsAsync(ses.Id, owner, s => s.GetRequiredService<VendorPrograms.VendorPrograms>().RequestAsync("microsoft-csp", "SES.example", true));
        var twice = await AsAsync(ses.Id, owner, s => s.GetRequiredService<VendorPrograms.VendorPrograms>().RequestAsync("microsoft-csp", "ses.example", true));
        var beforeDecision = await GateAsync(ses.Id, "microsoft");
        var queue = await AsAsync(null, op, s => s.GetRequiredService<VendorPrograms.VendorPrograms>().QueueAsync(RequestStatus.Requested, new PageRequest()));
        var notForStaff = await AsAsync(ses.Id, owner, s => s.GetRequiredService<VendorPrograms.VendorPrograms>().ApproveAsync(requested.Value.Id));
        var approved = await AsAsync(null, op, s => s.GetRequiredService<VendorPrograms.VendorPrograms>().ApproveAsync(requested.Value.Id));
        var decidedTwice = await AsAsync(null, op, s => s.GetRequiredService<VendorPrograms.VendorPrograms>().DeclineAsync(requested.Value.Id, "changed my mind"));

        Assert.Equal(OutcomeStatus.Forbidden, forbidden.Status);
        Assert.Equal(Problems.ProgramUnknown, invalid.Errors["Program"]);
        Assert.Equal(Problems.DomainInvalid, invalid.Errors["ResellerDomain"]);
        Assert.Equal(Problems.AcceptTermsRequired, invalid.Errors["AcceptedTerms"]);
        Assert.Equal("ses.example", requested.Value.ResellerDomain);
        Assert.Equal(Problems.ProgramAlreadyRequested, twice.Problem);
        Assert.Equal(Problems.ProgramNotApproved, beforeDecision.Problem);
        Assert.Equal(["SES"], queue!.Items.Select(i => i.ResellerName));
        Assert.Equal(OutcomeStatus.Forbidden, notForStaff.Status);
        Assert.Equal(RequestStatus.Approved, approved.Value.Status);
        Assert.Equal(Problems.DecidedMeanwhile, decidedTwice.Problem);
        Assert.True((await GateAsync(ses.Id, "microsoft")).IsDone);
        Assert.Equal(Problems.ProgramNotApproved, (await GateAsync(other.Id, "microsoft")).Problem);   // another reseller's approval is not yours
        Assert.Equal(Problems.ProgramNotApproved, (await GateAsync(ses.Id, "adobe")).Problem);
        Assert.True((await GateAsync(ses.Id, "direct")).IsDone);   // vendor-direct products need no program
        Assert.Contains(("program-requested", "op@platform.test"), harness.PlatformMail.Sent);
        Assert.Contains(("program-approved", "owner@ses.test"), harness.PlatformMail.Sent);
        Assert.DoesNotContain(("program-approved", "sales@ses.test"), harness.PlatformMail.Sent);
    }

    [Fact]
    public async Task A_declined_program_says_why_and_can_be_asked_for_again_and_each_reseller_sees_only_its_own()
    {
        await using var harness = await DomainHarness.CreateAsync("programs-declined");
        var ses = await harness.AddResellerAsync("ses");
        var other = await harness.AddResellerAsync("other");
        var owner = await harness.AddStaffAsync(ses.Id, PortalRoles.Owner, "owner@ses.test");
        var otherOwner = await harness.AddStaffAsync(other.Id, PortalRoles.Owner, "owner@other.test");
        var op = await harness.AddUserAsync(PortalUser.Operator("op@platform.test", "Op", DateTimeOffset.UtcNow));

        Guid id;
        await using (var scope = harness.Scope(ses.Id, owner))
            id = (await scope.ServiceProvider.GetRequiredService<VendorPrograms.VendorPrograms>().RequestAsync("adobe-vip", "ses.example", true)).Value.Id;
        await using (var scope = harness.Scope(null, op))
        {
            var programs = scope.ServiceProvider.GetRequiredService<VendorPrograms.VendorPrograms>();
            Assert.Equal(Problems.ReasonRequired, (await programs.DeclineAsync(id, " ")).Errors["Reason"]);
            Assert.Equal("No VIP agreement on file", (await programs.DeclineAsync(id, " No VIP agreement on file ")).Value.DeclineReason);
        }
        await using (var scope = harness.Scope(other.Id, otherOwner))
        {
            var theirs = await scope.ServiceProvider.GetRequiredService<VendorPrograms.VendorPrograms>().MineAsync();
            Assert.All(theirs, p => Assert.Null(p.Enrollment));
        }
        await using (var scope = harness.Scope(ses.Id, owner))
        {
            var programs = scope.ServiceProvider.GetRequiredService<VendorPrograms.VendorPrograms>();
            var mine = await programs.MineAsync();
            Assert.Equal(RequestStatus.Declined, mine.Single(p => p.Program.Code == "adobe-vip").Status);
            var again = await programs.RequestAsync("adobe-vip", "ses.example", true);
            Assert.Equal(RequestStatus.Requested, again.Value.Status);
            Assert.Null(again.Value.DeclineReason);
            Assert.Equal(id, again.Value.Id);
        }
        Assert.Contains(("program-declined", "owner@ses.test"), harness.PlatformMail.Sent);
    }
}

/// <summary>Becoming a reseller: the public request, its rules, and the operators' decision.</summary>
public class ResellerApplicationsTests
{
    private static ResellerApplicationDraft Draft(string email = "ana@wideworld.test", string? partnerId = "1234567") =>
        new("Wide World Importers", new PostalAddress("1 Main St", "Ottawa", "ON", "K1A 0B1", "CA"), new ContactDetails("Ana", "Lima", email, "+1 613 555 0101", "CEO"), partnerId, "We sell to schools.");

    [Fact]
    public async Task A_company_asks_an_operator_approves_and_the_reseller_exists_with_its_contact_invited_as_owner()
    {
        await using var harness = await DomainHarness.CreateAsync("applications");
        var op = await harness.AddUserAsync(PortalUser.Operator("op@platform.test", "Op", DateTimeOffset.UtcNow));

        Outcome<ResellerApplication> invalid, submitted, twice;
        await using (var visitor = harness.Scope(null, Actor.Visitor))
        {
            var applications = visitor.ServiceProvider.GetRequiredService<ResellerApplications>();
            invalid = await applications.SubmitAsync(new ResellerApplicationDraft(" ", new PostalAddress("1 Main St", "Ottawa", "ON", "123", "CA"),
                new ContactDetails("", "Lima", "nope", null, null), "12ab", null), "es");
            submitted = await applications.SubmitAsync(Draft(), "es");
            twice = await applications.SubmitAsync(Draft(), "en");
        }
        Outcome<Reseller> refusedNickname, approved, again;
        await using (var scope = harness.Scope(null, op))
        {
            var applications = scope.ServiceProvider.GetRequiredService<ResellerApplications>();
            refusedNickname = await applications.ApproveAsync(submitted.Value.Id, "x");
            approved = await applications.ApproveAsync(submitted.Value.Id, "wideworld");
            again = await applications.ApproveAsync(submitted.Value.Id, "wideworld2");
        }

        Assert.Equal(Problems.CompanyRequired, invalid.Errors["CompanyName"]);
        Assert.Equal(Problems.PostalCodeInvalid, invalid.Errors["PostalCode"]);
        Assert.Equal(Problems.FirstNameRequired, invalid.Errors["FirstName"]);
        Assert.Equal(Problems.EmailInvalid, invalid.Errors["Email"]);
        Assert.Equal(Problems.PartnerIdInvalid, invalid.Errors["MicrosoftPartnerId"]);
        Assert.Equal("es", submitted.Value.Language);
        Assert.Equal(Problems.ApplicationAlreadyWaiting, twice.Errors["Email"]);
        Assert.Contains(("application-received", "ana@wideworld.test"), harness.PlatformMail.Sent);
        Assert.Contains(("application-received", "op@platform.test"), harness.PlatformMail.Sent);
        Assert.NotNull(refusedNickname.Errors["Nickname"]);
        Assert.True(approved.IsDone, approved.ToString());
        Assert.Equal(Problems.DecidedMeanwhile, again.Problem);
        await using var check = harness.Scope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        var reseller = await db.Set<Reseller>().SingleAsync(r => r.Nickname == "wideworld");
        Assert.Equal("Wide World Importers", reseller.DisplayName);
        var ownerAccount = await db.Users.SingleAsync(u => u.ResellerId == reseller.Id);
        Assert.Equal((PortalRoles.Owner, "ana@wideworld.test", "Ana Lima"), (ownerAccount.Role, ownerAccount.Email!, ownerAccount.DisplayName));
        Assert.Contains(harness.Mail.Sent, m => m.Kind == "invitation" && m.User.Email == "ana@wideworld.test");
        var application = await db.Set<ResellerApplication>().SingleAsync();
        Assert.Equal((RequestStatus.Approved, reseller.Id), (application.Status, application.ResellerId!.Value));
    }

    [Fact]
    public async Task A_declined_request_says_why_and_only_operators_read_the_requests()
    {
        await using var harness = await DomainHarness.CreateAsync("applications-declined");
        var op = await harness.AddUserAsync(PortalUser.Operator("op@platform.test", "Op", DateTimeOffset.UtcNow));
        var ses = await harness.AddResellerAsync("ses");
        var owner = await harness.AddStaffAsync(ses.Id, PortalRoles.Owner, "owner@ses.test");
        Guid id;
        await using (var visitor = harness.Scope(null, Actor.Visitor))
            id = (await visitor.ServiceProvider.GetRequiredService<ResellerApplications>().SubmitAsync(Draft(partnerId: null), "en")).Value.Id;

        await using (var staff = harness.Scope(ses.Id, owner))
        {
            var applications = staff.ServiceProvider.GetRequiredService<ResellerApplications>();
            Assert.Null(await applications.FindAsync(id));
            Assert.Null(await applications.QueueAsync(null, new PageRequest()));
            Assert.Equal(OutcomeStatus.Forbidden, (await applications.DeclineAsync(id, "no")).Status);
        }
        await using (var scope = harness.Scope(null, op))
        {
            var applications = scope.ServiceProvider.GetRequiredService<ResellerApplications>();
            Assert.Equal(Problems.ReasonRequired, (await applications.DeclineAsync(id, "")).Errors["Reason"]);
            Assert.Equal(RequestStatus.Declined, (await applications.DeclineAsync(id, "We only onboard companies in Mexico for now.")).Value.Status);
            Assert.Equal(OutcomeStatus.NotFound, (await applications.DeclineAsync(Guid.NewGuid(), "x")).Status);
        }
        Assert.Contains(("application-declined", "ana@wideworld.test"), harness.PlatformMail.Sent);
    }
}
