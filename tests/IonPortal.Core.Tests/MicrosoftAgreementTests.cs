using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.MicrosoftTenants;
using IonPortal.Core.PartnerCenter;
using IonPortal.Core.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IonPortal.Core.Tests;

/// <summary>The Microsoft Customer Agreement's states, the day-of-acceptance rule and the gate checkout asks.</summary>
public class MicrosoftAgreementTests
{
    private const string Current = "117a69d8-8d2b-4e7a-9b1e-2f5c8d4a6e01";
    private static readonly AgreementSigner Signer = new("Lena", "Park", "lena@example.test", "+1 425 555 0107");
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_agreement_is_required_then_pending_when_asked_then_accepted_and_expires_with_a_new_version()
    {
        var agreement = CustomerAgreement.For(Guid.NewGuid(), Guid.NewGuid());
        var required = agreement.StatusFor(Current);
        agreement.AskCustomer("it@example.test", Now);
        var pending = agreement.StatusFor(Current);
        agreement.Accept(Signer, new DateOnly(2026, 12, 1), Current, AgreementAcceptedBy.Customer, Now.AddHours(1));
        var accepted = agreement.StatusFor(Current);
        var expired = agreement.StatusFor("a-newer-version");
        agreement.AskCustomer("it@example.test", Now.AddDays(1));
        var askedAgain = agreement.StatusFor("a-newer-version");

        Assert.Equal(AgreementStatus.Required, required);
        Assert.Equal(AgreementStatus.Pending, pending);
        Assert.Equal(AgreementStatus.Accepted, accepted);
        Assert.Equal(AgreementStatus.Expired, expired);
        Assert.Equal(AgreementStatus.Pending, askedAgain);
    }

    [Fact]
    public async Task The_day_of_acceptance_may_be_today_anywhere_on_earth_but_not_later()
    {
        await using var harness = await DomainHarness.CreateAsync("agreement-day", new FakeTimeProvider(Now));
        await using var scope = harness.Scope();
        var agreements = scope.ServiceProvider.GetRequiredService<CustomerAgreements>();

        FieldErrors Check(DateOnly? day)
        {
            var errors = new FieldErrors();
            agreements.CheckAcceptance(Signer, day, errors);
            return errors;
        }

        Assert.True(Check(new DateOnly(2026, 12, 2)).IsEmpty);   // already 10:00 on the 2nd in Kiribati
        Assert.Equal(Problems.DateAcceptedInFuture, Check(new DateOnly(2026, 12, 3))["DateAccepted"]);
        Assert.Equal(Problems.DateAcceptedRequired, Check(null)["DateAccepted"]);
        var noPhone = new FieldErrors();
        agreements.CheckAcceptance(Signer with { Phone = " " }, new DateOnly(2026, 11, 30), noPhone);
        Assert.Equal(Problems.PhoneRequired, noPhone["SignerPhone"]);
    }

    [Fact]
    public async Task Checkout_is_refused_until_the_tenant_is_linked_and_the_current_agreement_accepted()
    {
        await using var harness = await DomainHarness.CreateAsync("agreement-gate");
        var ses = await harness.AddResellerAsync("ses");
        var other = await harness.AddResellerAsync("other");
        var customer = await harness.AddCustomerAsync(ses.Id, "Contoso");
        var theirs = await harness.AddCustomerAsync(other.Id, "Fabrikam");

        async Task<Outcome> CheckAsync(Guid id)
        {
            await using var scope = harness.Scope(ses.Id);
            return await scope.ServiceProvider.GetRequiredService<MicrosoftPurchaseGate>().CheckAsync(id);
        }

        async Task ChangeAsync(Action<PortalDbContext> change)
        {
            await using var scope = harness.Scope(ses.Id);
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            change(db);
            await db.SaveChangesAsync();
        }

        var notLinked = await CheckAsync(customer.Id);
        await ChangeAsync(db =>
        {
            var tenant = MicrosoftTenant.For(customer);
            tenant.Link(Guid.NewGuid(), "contoso.onmicrosoft.com", createdHere: true, Now);
            db.Add(tenant);
        });
        var noAgreement = await CheckAsync(customer.Id);
        var agreement = CustomerAgreement.For(customer.Id, ses.Id);
        agreement.Accept(Signer, new DateOnly(2025, 1, 10), "an-older-version", AgreementAcceptedBy.Reseller, Now);
        await ChangeAsync(db => db.Add(agreement));
        var expired = await CheckAsync(customer.Id);
        await ChangeAsync(db =>
        {
            db.Attach(agreement);
            agreement.Accept(Signer, new DateOnly(2026, 12, 1), Current, AgreementAcceptedBy.Reseller, Now);
        });
        var allowed = await CheckAsync(customer.Id);

        Assert.Equal(Problems.TenantNotLinked, notLinked.Problem);
        Assert.Equal(Problems.AgreementNotAccepted, noAgreement.Problem);
        Assert.Equal(Problems.AgreementExpired, expired.Problem);
        Assert.True(allowed.IsDone, allowed.ToString());
        Assert.Equal(OutcomeStatus.NotFound, (await CheckAsync(theirs.Id)).Status);
    }
}
