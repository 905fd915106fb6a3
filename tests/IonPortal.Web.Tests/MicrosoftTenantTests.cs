using Bunit;
using IonPortal.Core.Auditing;
using IonPortal.Core.Customers;
using IonPortal.Core.MicrosoftTenants;
using IonPortal.Core.Validation;
using IonPortal.Web.Components.Console.Customers;
using IonPortal.Web.Components.CustomerPortal;
using IonPortal.Web.ProviderSandbox;
using IonPortal.Web.Tests.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IonPortal.Web.Tests;

/// <summary>
/// A customer's Microsoft tenant and agreement, through the domain services and the console's
/// pages, against the provider sandbox: create a new identity, link an existing tenant after its
/// admin accepted the invitation, record the agreement (attested, or accepted in the portal).
/// </summary>
public class MicrosoftTenantTests(PortalFactory factory) : IClassFixture<PortalFactory>, IDisposable
{
    private const string Owner = "admin@sesdemo.test";
    private const string OtherOwner = "admin@northwind.test";

    private SandboxFaults Faults => factory.Services.GetRequiredService<SandboxFaults>();

    public void Dispose()
    {
        Faults.TooManyRequests(0);
        Faults.ServerErrors(0);
    }

    private static readonly PostalAddress Redmond = new("17 Harbor Road", "Redmond", "WA", "98052", "US");

    private static AgreementSigner Signer => new("Lena", "Park", "lena@example.test", "+1 425 555 0107");

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static NewIdentityDraft Draft(string prefix, DateOnly? accepted = null, bool attested = true) =>
        new(prefix, "Tailspin Toys", new ContactDetails("Lena", "Park", "lena@example.test", "+1 425 555 0107", null), Redmond, Signer, accepted ?? Today, attested);

    private static async Task<Guid> NewCustomerAsync(ComponentHarness ui, string company)
    {
        var draft = new CustomerDraft(company, null, new ContactDetails("Lena", "Park", $"lena@{Guid.NewGuid():N}.test", "+1 425 555 0107", null), Redmond, "en", "USD", null, null);
        var created = await ui.Session.RunAsync((CustomerRecords customers) => customers.CreateAsync(draft));
        Assert.True(created.IsDone, created.ToString());
        return created.Value.Id;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
            await Task.Delay(100);
        Assert.True(condition());
    }

    private async Task AcceptRelationshipAsync(string company, string domain)
    {
        using var http = factory.CreateClient();
        var accepted = await http.PostAsync($"{PartnerCenterSandbox.Path}/relationship", new FormUrlEncodedContent(new Dictionary<string, string> { ["company"] = company, ["domain"] = domain }));
        accepted.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Creating_an_identity_links_the_new_tenant_and_confirms_the_agreement_so_Microsoft_products_can_be_bought()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, Owner);
        var customer = await NewCustomerAsync(ui, "Identity Co");

        var refusedBefore = await ui.Session.RunAsync((MicrosoftPurchaseGate gate) => gate.CheckAsync(customer));
        var badPrefix = await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.CreateAsync(customer, Draft("identity-co")));
        var futureDay = await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.CreateAsync(customer, Draft("identityco", Today.AddDays(2))));
        var notAttested = await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.CreateAsync(customer, Draft("identityco", attested: false)));
        var created = await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.CreateAsync(customer, Draft("identityco")));
        var again = await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.CreateAsync(customer, Draft("identityco2")));
        var standing = await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.StandingAsync(customer));
        var allowed = await ui.Session.RunAsync((MicrosoftPurchaseGate gate) => gate.CheckAsync(customer));

        Assert.Equal(Problems.TenantNotLinked, refusedBefore.Problem);
        Assert.Equal(Problems.DomainPrefixInvalid, badPrefix.Errors["DomainPrefix"]);
        Assert.Equal(Problems.DateAcceptedInFuture, futureDay.Errors["DateAccepted"]);
        Assert.Equal(Problems.AttestationRequired, notAttested.Errors["Attested"]);
        Assert.True(created.IsDone, created.ToString());
        Assert.Null(created.Value.AgreementProblem);
        Assert.Equal("admin@identityco.onmicrosoft.com", created.Value.Tenant.AdminUserName);
        Assert.Equal(Problems.TenantAlreadyLinked, again.Problem);
        Assert.True(standing!.IsLinked);
        Assert.True(standing.Tenant!.CreatedHere);
        Assert.Equal(created.Value.Tenant.TenantId, standing.Tenant.TenantId);
        Assert.Equal(AgreementStatus.Accepted, standing.AgreementStatus);
        Assert.Equal(AgreementAcceptedBy.Reseller, standing.Agreement!.AcceptedBy);
        Assert.True(allowed.IsDone, allowed.ToString());
    }

    [Fact]
    public async Task A_prefix_someone_has_taken_is_refused_as_the_reseller_types_and_when_it_creates()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, Owner);
        var first = await NewCustomerAsync(ui, "Prefix One");
        var second = await NewCustomerAsync(ui, "Prefix Two");
        Assert.True((await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.CreateAsync(first, Draft("prefixtaken")))).IsDone);

        var free = await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.IsPrefixFreeAsync("prefixfree"));
        var taken = await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.IsPrefixFreeAsync("PrefixTaken"));
        var refused = await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.CreateAsync(second, Draft("prefixtaken")));

        Assert.True(free.Value);
        Assert.False(taken.Value);
        Assert.Equal(Problems.DomainTaken, refused.Errors["DomainPrefix"]);
        Assert.False((await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.StandingAsync(second)))!.IsLinked);
    }

    [Fact]
    public async Task The_one_time_password_is_nowhere_in_the_database_the_audit_trail_or_the_logs()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, Owner);
        var customer = await NewCustomerAsync(ui, "Secret Keeper");

        var created = await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.CreateAsync(customer, Draft("secretkeeper")));
        var password = created.Value.Tenant.AdminPassword;

        Assert.False(string.IsNullOrEmpty(password));
        var audited = await factory.QueryAsync(db => db.Set<AuditEvent>().Where(e => e.EntityId == customer && e.After != null).Select(e => e.After!).ToListAsync());
        Assert.Contains(audited, after => after.Contains("secretkeeper.onmicrosoft.com"));   // the trail has the creation, without the password
        Assert.DoesNotContain(audited, after => after.Contains(password, StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs, log => log.Message.Contains(password, StringComparison.Ordinal)
            || log.Properties.Values.Any(v => v?.ToString()?.Contains(password, StringComparison.Ordinal) == true));
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var command = new NpgsqlCommand("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'bytea')
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        Assert.Contains(("audit_events", "after"), columns);
        foreach (var (table, column) in columns)
        {
            await using var search = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE encode(convert_to(\"{column}\"::text, 'UTF8'), 'escape') LIKE '%' || @password || '%'", connection);
            search.Parameters.AddWithValue("password", password);
            Assert.True((long)(await search.ExecuteScalarAsync())! == 0, $"{table}.{column} holds the password");
        }
    }

    [Fact]
    public async Task A_lasting_500_is_explained_and_nothing_is_linked_and_a_429_is_retried_into_a_tenant()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, Owner);
        var customer = await NewCustomerAsync(ui, "Flaky Co");

        Faults.ServerErrors(10);
        var failed = await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.CreateAsync(customer, Draft("flakyco")));
        Faults.ServerErrors(0);
        Faults.RetryAfterSeconds = 1;
        Faults.TooManyRequests(1);
        var retried = await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.CreateAsync(customer, Draft("flakyco")));

        Assert.Equal(Problems.ProviderFailed, failed.Problem);
        Assert.True(retried.IsDone, retried.ToString());
    }

    [Fact]
    public async Task An_existing_tenant_links_once_its_admin_accepted_the_invitation_and_to_one_customer_per_reseller()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, Owner);
        await using var other = await ComponentHarness.AsAsync(factory, OtherOwner);
        var customer = await NewCustomerAsync(ui, "Linked Co");
        var twin = await NewCustomerAsync(ui, "Linked Co Twin");
        var elsewhere = await NewCustomerAsync(other, "Linked Co at Northwind");

        var invited = await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.InviteAsync(customer, PartnerRegion.Canada, "it@linkedco.test"));
        var email = await factory.LastEmailToAsync("it@linkedco.test");
        var badInput = await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.LinkAsync(customer, "not a tenant"));
        var tooEarly = await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.LinkAsync(customer, "linkedco.com"));
        await AcceptRelationshipAsync("Linked Co", "linkedco.com");
        var linked = await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.LinkAsync(customer, "LinkedCo.com"));
        var tenantId = linked.Value.TenantId!.Value;
        var twice = await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.LinkAsync(twin, tenantId.ToString()));
        var atAnotherReseller = await other.Session.RunAsync((MicrosoftIdentities identities) => identities.LinkAsync(elsewhere, tenantId.ToString()));

        Assert.True(invited.IsDone, invited.ToString());
        Assert.Equal(TenantLinkState.InvitationSent, invited.Value.State);
        Assert.NotNull(email);
        Assert.Contains("Partner Center for Canada", email.TextBody);
        Assert.Contains($"{PartnerCenterSandbox.Path}/relationship?partnerId=", email.TextBody);
        Assert.Equal(Problems.TenantIdOrDomainInvalid, badInput.Errors["TenantIdOrDomain"]);
        Assert.Equal(Problems.TenantNotAccepted, tooEarly.Errors["TenantIdOrDomain"]);
        Assert.True(linked.IsDone, linked.ToString());
        Assert.Equal("linkedco.com", linked.Value.Domain);
        Assert.False(linked.Value.CreatedHere);
        Assert.Equal(Problems.TenantLinkedToAnotherCustomer, twice.Errors["TenantIdOrDomain"]);
        Assert.True(atAnotherReseller.IsDone, atAnotherReseller.ToString());
    }

    [Fact]
    public async Task The_customers_admin_accepts_the_agreement_in_the_portal_when_asked()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, Owner);
        var contoso = await factory.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().Where(c => c.CompanyName == "Contoso Ltd").Select(c => c.Id).SingleAsync());
        var admin = await factory.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "buyer@contoso.test"));

        var tooSoon = await ui.Session.RunAsync((CustomerAgreements agreements) => agreements.AskCustomerAsync(contoso, admin.Id));
        await AcceptRelationshipAsync("Contoso Ltd", "contoso.test");
        Assert.True((await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.LinkAsync(contoso, "contoso.test"))).IsDone);
        var notAnAdmin = await ui.Session.RunAsync((CustomerAgreements agreements) => agreements.AskCustomerAsync(contoso, Guid.NewGuid()));
        var asked = await ui.Session.RunAsync((CustomerAgreements agreements) => agreements.AskCustomerAsync(contoso, admin.Id));
        var email = await factory.LastEmailToAsync("buyer@contoso.test");

        Assert.Equal(Problems.TenantNotLinked, tooSoon.Problem);
        Assert.Equal(Problems.NotAnActiveCustomerAdmin, notAnAdmin.Errors["AdminId"]);
        Assert.Equal(AgreementStatus.Pending, (await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.StandingAsync(contoso)))!.AgreementStatus);
        Assert.Contains("/v2c/agreement?accountName=sesdemo", email!.TextBody);

        // The admin sees the request on the account page too, opens the page from the email, and accepts.
        await using var buyer = await ComponentHarness.AsAsync(factory, "buyer@contoso.test");
        var account = buyer.RenderAt<IonPortal.Web.Components.CustomerPortal.Account>("/v2c/account?accountName=sesdemo");
        account.WaitForAssertion(() => Assert.Contains("SES Demo Solutions asks you to accept the Microsoft Customer Agreement.", account.Find("[data-testid=agreement-waiting]").TextContent));
        var page = buyer.RenderAt<Agreement>("/v2c/agreement?accountName=sesdemo");
        page.WaitForState(() => page.FindAll("#accept-phone").Count == 1);
        Assert.Equal("buyer@contoso.test", page.ValueOf("accept-email"));
        await page.SubmitAsync("accept-phone");
        page.WaitForState(() => page.ErrorFor("accept-phone") is not null);
        Assert.Equal(Problems.PhoneRequired.Text, page.ErrorFor("accept-phone"));
        page.Type("accept-phone", "+1 206 555 0188");
        await page.TickAsync("I accept the Microsoft Customer Agreement for Contoso Ltd.");
        await page.SubmitAsync("accept-phone");
        page.WaitForState(() => page.FindAll("[data-testid=agreement-accepted]").Count == 1);

        var standing = await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.StandingAsync(contoso));
        Assert.Equal(AgreementStatus.Accepted, standing!.AgreementStatus);
        Assert.Equal(AgreementAcceptedBy.Customer, standing.Agreement!.AcceptedBy);
        Assert.Equal("+1 206 555 0188", standing.Agreement.SignerPhone);
        Assert.True((await ui.Session.RunAsync((MicrosoftPurchaseGate gate) => gate.CheckAsync(contoso))).IsDone);
        var accepted = buyer.RenderAt<IonPortal.Web.Components.CustomerPortal.Account>("/v2c/account?accountName=sesdemo");
        accepted.WaitForState(() => accepted.FindAll("#people-heading").Count == 1);
        Assert.Empty(accepted.FindAll("[data-testid=agreement-waiting]"));
    }

    [Theory]
    [InlineData("new")]
    [InlineData("link")]
    [InlineData("agreement")]
    public async Task Another_resellers_customer_is_not_found_on_every_Microsoft_page(string page)
    {
        var fabrikam = await factory.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().Where(c => c.CompanyName == "Fabrikam Inc").Select(c => c.Id).SingleAsync());
        await using var ui = await ComponentHarness.AsAsync(factory, Owner);

        Func<string> markup = page switch
        {
            "new" => () => ui.RenderAt<NewMicrosoftIdentity>($"/console/customers/{fabrikam}/microsoft/new", p => p.Add(x => x.Id, fabrikam)).Markup,
            "link" => () => ui.RenderAt<LinkMicrosoftTenant>($"/console/customers/{fabrikam}/microsoft/link", p => p.Add(x => x.Id, fabrikam)).Markup,
            _ => () => ui.RenderAt<MicrosoftAgreement>($"/console/customers/{fabrikam}/microsoft/agreement", p => p.Add(x => x.Id, fabrikam)).Markup,
        };

        var shown = markup();
        await WaitUntilAsync(() => ui.NotFound);
        Assert.DoesNotContain("Fabrikam", shown);
        Assert.Equal(OutcomeStatus.NotFound, (await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.LinkAsync(fabrikam, "fabrikam.test"))).Status);
        Assert.Equal(OutcomeStatus.NotFound, (await ui.Session.RunAsync((CustomerAgreements agreements) => agreements.AttestAsync(fabrikam, Signer, Today, true))).Status);
        Assert.Equal(OutcomeStatus.NotFound, (await ui.Session.RunAsync((MicrosoftPurchaseGate gate) => gate.CheckAsync(fabrikam))).Status);
        Assert.Null(await ui.Session.RunAsync((MicrosoftIdentities identities) => identities.StandingAsync(fabrikam)));
    }
}
