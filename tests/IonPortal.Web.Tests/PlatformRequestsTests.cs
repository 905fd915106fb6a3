using System.Net;
using Bunit;
using IonPortal.Core.Resellers;
using IonPortal.Core.VendorPrograms;
using IonPortal.Web.Components.Admin.Requests;
using IonPortal.Web.Components.Console.Programs;
using IonPortal.Web.Demo;
using IonPortal.Web.Tests.Components;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Tests;

/// <summary>
/// Requests to the platform, through their pages: a company asks to become a reseller on the
/// public page and an operator approves it; a reseller asks for a vendor program and an operator
/// decides it.
/// </summary>
public class PlatformRequestsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, string> Application(string email, string company = "Wide World Importers", string postal = "K1A 0B1", string partnerId = "") => new()
    {
        ["Input.CompanyName"] = company, ["Input.FirstName"] = "Ana", ["Input.LastName"] = "Lima", ["Input.Email"] = email, ["Input.Phone"] = "+1 613 555 0101",
        ["Input.Country"] = "CA", ["Input.Street"] = "1 Main St", ["Input.City"] = "Ottawa", ["Input.State"] = "ON", ["Input.PostalCode"] = postal,
        ["Input.MicrosoftPartnerId"] = partnerId, ["Input.Message"] = "We sell to schools.",
    };

    [Fact]
    public async Task A_company_asks_on_the_public_page_bad_input_is_explained_next_to_its_field_and_kept()
    {
        var visitor = factory.CreatePortalClient();
        var form = await visitor.GetAsync("/become-a-reseller");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var before = await factory.QueryAsync(db => db.Set<ResellerApplication>().CountAsync());

        var bad = await visitor.SubmitFormAsync(form, "become-reseller", Application("ana@wideworld.test", postal: "SW1A 1AA", partnerId: "12ab"));
        Assert.Equal("This postal code doesn't match the country's format.", bad.ErrorFor("applicant-postal-code"));
        Assert.Equal("A Microsoft partner ID is 6 to 10 digits. Leave it empty if you have none.", bad.ErrorFor("applicant-partner-id"));
        Assert.Equal("Wide World Importers", bad.ValueOf("applicant-company"));
        Assert.Equal(before, await factory.QueryAsync(db => db.Set<ResellerApplication>().CountAsync()));

        var done = await visitor.FollowAsync(await visitor.SubmitFormAsync(form, "become-reseller", Application("ana@wideworld.test", partnerId: "4412345")));
        Assert.Contains("Thanks, we have your request", done.Text);
        var again = await visitor.SubmitFormAsync(form, "become-reseller", Application("ana@wideworld.test"));
        Assert.Equal("A request with this email is already waiting for review. We'll email you the decision.", again.ErrorFor("applicant-email"));
        Assert.Contains("We received Wide World Importers's request", (await factory.LastEmailToAsync("ana@wideworld.test"))!.Subject);
        Assert.Contains("/admin/applications/", (await factory.LastEmailToAsync(DemoData.OperatorEmail))!.TextBody);
    }

    [Fact]
    public async Task An_operator_approves_a_request_with_a_free_nickname_and_the_contact_is_invited_as_owner()
    {
        var visitor = factory.CreatePortalClient();
        await visitor.SubmitFormAsync(await visitor.GetAsync("/become-a-reseller"), "become-reseller", Application("lee@proseware.test", company: "Proseware"));
        var id = await factory.QueryAsync(db => db.Set<ResellerApplication>().Where(a => a.ContactEmail == "lee@proseware.test").Select(a => a.Id).SingleAsync());
        await using var op = await ComponentHarness.AsAsync(factory, DemoData.OperatorEmail);

        var list = op.RenderAt<ResellerApplicationList>("/admin/applications");
        list.WaitForRows("Proseware");
        var page = op.RenderAt<ResellerApplicationDetails>($"/admin/applications/{id}", p => p.Add(x => x.Id, id));
        page.WaitForState(() => page.FindAll("#approve-nickname").Count == 1);
        Assert.Equal("proseware", page.ValueOf("approve-nickname"));
        page.Type("approve-nickname", "sesdemo");
        await page.SubmitAsync("approve-nickname");
        page.WaitForAssertion(() => Assert.Equal("That nickname is already taken.", page.ErrorFor("approve-nickname")));
        page.Type("approve-nickname", "proseware");
        await page.SubmitAsync("approve-nickname");
        page.WaitForAssertion(() => Assert.Equal("Approved", page.Find("[data-testid=application-status]").TextContent.Trim()));

        var reseller = await factory.QueryAsync(db => db.Set<Reseller>().SingleAsync(r => r.Nickname == "proseware"));
        Assert.Equal("Proseware", reseller.DisplayName);
        var invitation = await factory.LastEmailToAsync("lee@proseware.test");
        Assert.Contains("/account/accept-invitation?user=", invitation!.TextBody);
    }

    [Fact]
    public async Task A_reseller_asks_for_a_program_an_operator_approves_it_and_staff_can_not_open_the_operators_pages()
    {
        await using var owner = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        var programs = owner.RenderAt<Programs>("/console/programs");
        programs.WaitForState(() => programs.FindAll("#microsoft-csp-domain").Count == 1);
        programs.Type("microsoft-csp-domain", "not a domain");
        await programs.SubmitAsync("microsoft-csp-domain");
        programs.WaitForAssertion(() => Assert.NotNull(programs.ErrorFor("microsoft-csp-domain")));
        programs.Type("microsoft-csp-domain", "sesdemo-reseller.test");
        await programs.TickAsync("I accept the Microsoft CSP program's terms");
        await programs.SubmitAsync("microsoft-csp-domain");
        programs.WaitForAssertion(() => Assert.Equal("Waiting for a decision", programs.Find("[data-testid=program-microsoft-csp-status]").TextContent.Trim()));
        var id = await factory.QueryAsync(db => db.Set<ProgramEnrollment>().Where(e => e.Program == "microsoft-csp" && e.Status == IonPortal.Core.Resellers.RequestStatus.Requested).Select(e => e.Id).SingleAsync());

        // Staff can't reach the operators' pages, nor decide through the service.
        var staff = factory.CreatePortalClient();
        await staff.SignInToConsoleAsync("admin@sesdemo.test");
        Assert.Contains("/account/access-denied", (await staff.GetAsync($"/admin/programs/{id}")).RedirectTo);
        Assert.Equal(Core.Validation.OutcomeStatus.Forbidden, (await owner.Session.RunAsync((VendorPrograms p) => p.ApproveAsync(id))).Status);

        await using var op = await ComponentHarness.AsAsync(factory, DemoData.OperatorEmail);
        var queue = op.RenderAt<ProgramRequests>("/admin/programs?status=requested");   // Northwind's was approved long ago
        queue.WaitForRows("SES Demo Solutions");
        var request = op.RenderAt<ProgramRequest>($"/admin/programs/{id}", p => p.Add(x => x.Id, id));
        await request.PressAsync("Approve");
        request.WaitForAssertion(() => Assert.Equal("Approved", request.Find("[data-testid=program-status]").TextContent.Trim()));
        Assert.Contains("The Microsoft CSP program is approved", (await factory.LastEmailToAsync("admin@sesdemo.test"))!.Subject);
        Assert.True((await owner.Session.RunAsync((VendorProgramGate gate) => gate.CheckAsync("microsoft"))).IsDone);

        var after = owner.RenderAt<Programs>("/console/programs");
        after.WaitForAssertion(() => Assert.Equal("Approved", after.Find("[data-testid=program-microsoft-csp-status]").TextContent.Trim()));
    }
}
