using System.Net;
using AngleSharp.Dom;
using IonPortal.Core.Accounts;
using IonPortal.Core.Customers;
using IonPortal.Core.Pricing;
using IonPortal.Web.Account;
using IonPortal.Web.Messaging;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Tests;

public class CustomerPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, string> Profile(string company, string email, string country = "CA", string state = "ON", string postal = "K1A 0B1") => new()
    {
        ["Input.CompanyName"] = company, ["Input.FirstName"] = "Ana", ["Input.LastName"] = "Lima", ["Input.Email"] = email, ["Input.Phone"] = "+1 613 555 0101",
        ["Input.Street"] = "24 Sussex Drive", ["Input.City"] = "Ottawa", ["Input.State"] = state, ["Input.PostalCode"] = postal, ["Input.Country"] = country,
        ["Input.PreferredLanguage"] = "es", ["Input.Currency"] = "USD",
    };

    private async Task<PortalClient> SignedInAsync(string email = "admin@sesdemo.test")
    {
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync(email);
        return client;
    }

    private Task<Customer> CustomerAsync(string company) =>
        factory.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().Include(c => c.Authorizations).SingleAsync(c => c.CompanyName == company));

    private Task<Guid> BookAsync(string name) =>
        factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().Where(b => b.Name == name).Select(b => b.Id).SingleAsync());

    [Fact]
    public async Task The_list_finds_customers_by_company_contact_email_or_domain_and_filters_by_status()
    {
        var client = await SignedInAsync();

        var all = await client.GetAsync("/console/customers");
        var byDomain = await client.GetAsync("/console/customers?q=contoso.test");
        var byContact = await client.GetAsync("/console/customers?q=carlos+buyer");
        var suspended = await client.GetAsync("/console/customers?status=suspended");

        Assert.Contains("Contoso Ltd", all.Text);
        Assert.DoesNotContain("Fabrikam", all.Text);
        Assert.Contains("Contoso Ltd", byDomain.Text);
        Assert.Contains("Contoso Ltd", byContact.Text);
        Assert.Contains("No customer matches", suspended.Text);
        Assert.Equal("search", all.Document.QuerySelector("form[role=search]")!.GetAttribute("role"));
        Assert.NotNull(all.Document.QuerySelector("label[for=customer-search]"));
    }

    [Fact]
    public async Task The_list_pages_and_sorts()
    {
        var client = await SignedInAsync();
        for (var i = 1; i <= 26; i++)
            await client.FollowAsync(await client.SubmitFormAsync(await client.GetAsync("/console/customers/new"), "customer", Profile($"Paging Co {i:00}", $"p{i}@paging{i}.ca")));

        var first = await client.GetAsync("/console/customers?q=paging");
        var second = await client.GetAsync("/console/customers?q=paging&page=2");
        var descending = await client.GetAsync("/console/customers?q=paging&sort=company&desc=true");

        Assert.Equal(25, first.Document.QuerySelectorAll("tbody tr").Length);
        Assert.Equal(["Paging Co 26"], second.Document.QuerySelectorAll("tbody tr td:first-child a").Select(a => a.TextContent));
        Assert.Equal("Paging Co 26", descending.Document.QuerySelector("tbody tr td:first-child a")!.TextContent);
    }

    [Fact]
    public async Task Bad_input_is_shown_next_to_each_field_with_what_was_typed_and_nothing_is_saved()
    {
        var client = await SignedInAsync();
        var before = await factory.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().CountAsync());
        var fields = Profile("", "not-an-email", postal: "12345", state: "");
        fields["Input.Domain"] = "not a domain";
        fields["Input.PriceBookId"] = (await BookAsync("Partners MXN")).ToString();

        var page = await client.SubmitFormAsync(await client.GetAsync("/console/customers/new"), "customer", fields);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Enter the company name.", page.ErrorFor("customer-company"));
        Assert.Equal("Enter a valid email address.", page.ErrorFor("customer-email"));
        Assert.Equal("This postal code doesn't match the country's format.", page.ErrorFor("customer-postal-code"));
        Assert.Equal("Enter the state or province.", page.ErrorFor("customer-state"));
        Assert.Equal("Enter a domain like contoso.com.", page.ErrorFor("customer-domain"));
        Assert.Equal("Choose a price book in the customer's currency.", page.ErrorFor("customer-book"));
        Assert.Equal("not-an-email", page.ValueOf("customer-email"));
        Assert.Equal("12345", page.ValueOf("customer-postal-code"));
        Assert.Equal("24 Sussex Drive", page.ValueOf("customer-street"));
        Assert.Equal(before, await factory.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task A_new_customer_is_edited_authorized_for_a_provider_and_its_history_says_who_did_what()
    {
        var client = await SignedInAsync();
        var fields = Profile("Wingtip Toys", "ana@wingtip.ca");
        fields["Input.PriceBookId"] = (await BookAsync("Web store USD")).ToString();

        var details = await client.FollowAsync(await client.SubmitFormAsync(await client.GetAsync("/console/customers/new"), "customer", fields));
        Assert.Contains("Customer added.", details.Text);
        Assert.Contains("wingtip.ca", details.Text);
        var id = (await CustomerAsync("Wingtip Toys")).Id;

        var edit = await client.GetAsync($"/console/customers/{id}/edit");
        Assert.Equal("Wingtip Toys", edit.ValueOf("customer-company"));
        var saved = await client.FollowAsync(await client.SubmitFormAsync(edit, "customer", new Dictionary<string, string> { ["Input.CompanyName"] = "Wingtip Toys Canada" }));
        Assert.Contains("Profile saved.", saved.Text);

        var wrongCurrency = await client.SubmitFormAsync(saved, "authorize", new Dictionary<string, string>
        {
            ["Grant.Provider"] = "microsoft", ["Grant.PriceBookId"] = (await BookAsync("Partners MXN")).ToString(),
        });
        Assert.Equal("Choose a price book in the customer's currency.", wrongCurrency.ErrorFor("grant-book"));
        var authorized = await client.FollowAsync(await client.SubmitFormAsync(saved, "authorize", new Dictionary<string, string>
        {
            ["Grant.Provider"] = "microsoft", ["Grant.PriceBookId"] = (await BookAsync("Key accounts USD")).ToString(), ["Grant.EnabledInPortal"] = PortalClient.Unchecked,
        }));
        Assert.Contains("Provider access saved.", authorized.Text);
        var authorization = Assert.Single((await CustomerAsync("Wingtip Toys Canada")).Authorizations);
        Assert.Equal(("microsoft", "USD", false), (authorization.Provider, authorization.Currency, authorization.EnabledInPortal));
        Assert.Contains("Through you only", authorized.Text);

        var revoked = await client.FollowAsync(await client.SubmitFormAsync(authorized, "revoke", new Dictionary<string, string> { ["Provider"] = "microsoft" }));
        Assert.Empty((await CustomerAsync("Wingtip Toys Canada")).Authorizations);
        var history = revoked.Document.QuerySelector(".audit-history")!.TextContent;
        Assert.Contains("Added the customer", history);
        Assert.Contains("Changed the profile", history);
        Assert.Contains("Removed provider access", history);
        Assert.Contains("Sofía Estrada", history);
    }

    [Fact]
    public async Task Suspending_a_customer_signs_its_people_out_and_keeps_them_out_until_it_is_active_again()
    {
        var buyer = factory.CreatePortalClient();
        var account = await buyer.SignInToStorefrontAsync("sesdemo", "buyer@contoso.test");
        Assert.Contains("Carlos Buyer", account.Text);
        var admin = await SignedInAsync();
        var contoso = (await CustomerAsync("Contoso Ltd")).Id;
        var stampsBefore = await factory.QueryAsync(db => db.Users.Where(u => u.CustomerId == contoso).Select(u => u.SecurityStamp).ToListAsync());

        var suspended = await admin.FollowAsync(await admin.SubmitFormAsync(await admin.GetAsync($"/console/customers/{contoso}"), "customer-status",
            new Dictionary<string, string> { ["Status"] = "Suspended" }));
        try
        {
            Assert.Equal("Suspended", suspended.Document.QuerySelector("[data-testid=customer-status]")!.TextContent);
            // The session's security stamp is stale now: the next check (at most a minute later) signs them out.
            var stamps = await factory.QueryAsync(db => db.Users.Where(u => u.CustomerId == contoso).Select(u => u.SecurityStamp).ToListAsync());
            Assert.Empty(stamps.Intersect(stampsBefore));
            var again = factory.CreatePortalClient();
            var refused = await again.SubmitFormAsync(await again.GetAsync("/v2c/signin?accountName=sesdemo"), "signin",
                new Dictionary<string, string> { ["Input.Email"] = "buyer@contoso.test", ["Input.Password"] = Demo.DemoData.Password });
            Assert.Contains(PortalSignIn.CompanyInactive, refused.Text);
            var wrongPassword = await again.SubmitFormAsync(await again.GetAsync("/v2c/signin?accountName=sesdemo"), "signin",
                new Dictionary<string, string> { ["Input.Email"] = "buyer@contoso.test", ["Input.Password"] = "not the password" });
            Assert.Contains(PortalSignIn.WrongCredentials, wrongPassword.Text);
        }
        finally
        {
            var active = await admin.FollowAsync(await admin.SubmitFormAsync(await admin.GetAsync($"/console/customers/{contoso}"), "customer-status",
                new Dictionary<string, string> { ["Status"] = "Active" }));
            Assert.Contains("Customer activated.", active.Text);
        }
        var back = factory.CreatePortalClient();
        Assert.Equal("/v2c/catalog?accountName=sesdemo", (await back.SignInToStorefrontAsync("sesdemo", "buyer@contoso.test")).Url);
    }

    [Fact]
    public async Task People_are_invited_or_welcomed_and_disabling_one_ends_their_access()
    {
        var admin = await SignedInAsync();
        var contoso = (await CustomerAsync("Contoso Ltd")).Id;
        var form = await admin.GetAsync($"/console/customers/{contoso}/people/new");

        var taken = await admin.SubmitFormAsync(form, "add-person", new Dictionary<string, string> { ["Input.Email"] = "BUYER@contoso.test", ["Input.Role"] = PortalRoles.CustomerUser });
        Assert.Equal("This email already has an account at this storefront.", taken.ErrorFor("person-email"));

        var invited = await admin.FollowAsync(await admin.SubmitFormAsync(form, "add-person", new Dictionary<string, string>
        {
            ["Input.Email"] = "dana@contoso.test", ["Input.DisplayName"] = "Dana Ops", ["Input.Role"] = PortalRoles.CustomerAdmin,
        }));
        Assert.Contains("Invitation sent.", invited.Text);
        Assert.Equal("Invited", invited.Document.QuerySelector("[data-testid=person-status]")!.TextContent);
        var invitation = await factory.LastEmailToAsync("dana@contoso.test");
        Assert.StartsWith("http://localhost/v2c/accept-invitation?accountName=sesdemo&user=", Assert.Single(MailLinks.In(invitation!.HtmlBody)));

        var welcomed = await admin.FollowAsync(await admin.SubmitFormAsync(form, "add-person", new Dictionary<string, string>
        {
            ["Input.Email"] = "eli@contoso.test", ["Input.Role"] = PortalRoles.CustomerUser, ["Input.FirstEmail"] = nameof(FirstEmail.Welcome),
        }));
        Assert.Contains("Account created and welcome email sent.", welcomed.Text);
        var welcome = await factory.LastEmailToAsync("eli@contoso.test");
        Assert.Equal("Welcome to SES Demo Solutions", welcome!.Subject);
        Assert.Contains("http://localhost/v2c/signin?accountName=sesdemo", MailLinks.In(welcome.HtmlBody));

        var buyerId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == "buyer@contoso.test").Select(u => u.Id).SingleAsync());
        var buyer = factory.CreatePortalClient();
        await buyer.SignInToStorefrontAsync("sesdemo", "buyer@contoso.test");
        var disabled = await admin.FollowAsync(await admin.SubmitFormAsync(await admin.GetAsync($"/console/customers/{contoso}/people/{buyerId}"), "person-access",
            new Dictionary<string, string> { ["Action"] = "disable" }));
        Assert.Equal("No access", disabled.Document.QuerySelector("[data-testid=person-status]")!.TextContent);
        var other = factory.CreatePortalClient();
        var refused = await other.SubmitFormAsync(await other.GetAsync("/v2c/signin?accountName=sesdemo"), "signin",
            new Dictionary<string, string> { ["Input.Email"] = "buyer@contoso.test", ["Input.Password"] = Demo.DemoData.Password });
        Assert.Contains(PortalSignIn.AccessRemoved, refused.Text);

        var restored = await admin.FollowAsync(await admin.SubmitFormAsync(disabled, "person-access", new Dictionary<string, string> { ["Action"] = "restore" }));
        Assert.Equal("Active", restored.Document.QuerySelector("[data-testid=person-status]")!.TextContent);
    }

    [Fact]
    public async Task Another_resellers_customer_pages_are_not_found_and_cannot_be_changed()
    {
        var fabrikam = await CustomerAsync("Fabrikam Inc");
        var frank = await factory.QueryAsync(db => db.Users.Where(u => u.Email == "buyer@fabrikam.test").Select(u => u.Id).SingleAsync());
        var client = await SignedInAsync();

        foreach (var url in new[] { $"/console/customers/{fabrikam.Id}", $"/console/customers/{fabrikam.Id}/edit", $"/console/customers/{fabrikam.Id}/people/new", $"/console/customers/{fabrikam.Id}/people/{frank}" })
        {
            var page = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.DoesNotContain("Fabrikam", page.Html);
        }

        // Forms from an own customer's pages, pointed at Northwind's customer.
        var contoso = (await CustomerAsync("Contoso Ltd")).Id;
        var buyer = await factory.QueryAsync(db => db.Users.Where(u => u.Email == "buyer@contoso.test").Select(u => u.Id).SingleAsync());
        foreach (var (ownUrl, form, field, value, theirUrl) in new[]
        {
            ($"/console/customers/{contoso}", "customer-status", "Status", "Suspended", $"/console/customers/{fabrikam.Id}"),
            ($"/console/customers/{contoso}", "authorize", "Grant.Provider", "aws", $"/console/customers/{fabrikam.Id}"),
            ($"/console/customers/{contoso}/edit", "customer", "Input.CompanyName", "Stolen", $"/console/customers/{fabrikam.Id}/edit"),
            ($"/console/customers/{contoso}/people/{buyer}", "person-access", "Action", "disable", $"/console/customers/{fabrikam.Id}/people/{frank}"),
        })
        {
            var own = await client.GetAsync(ownUrl);
            var element = own.Document.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlFormElement>("form").Single(f => f.QuerySelector("input[name=_handler]")?.GetAttribute("value") == form);
            element.SetAttribute("action", theirUrl);
            Assert.Equal(HttpStatusCode.NotFound, (await client.SubmitAsync(own, element, new Dictionary<string, string> { [field] = value })).Status);
        }
        var after = await CustomerAsync("Fabrikam Inc");
        Assert.Equal((CustomerStatus.Active, "Fabrikam Inc", 2), (after.Status, after.CompanyName, after.Authorizations.Count));
        Assert.False(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.Id == frank && u.LockoutEnd != null)));
    }

    [Fact]
    public async Task Sales_staff_look_after_customers_but_operations_staff_do_not()
    {
        var owner = await SignedInAsync();
        foreach (var (email, role) in new[] { ("sam@sesdemo.test", PortalRoles.Sales), ("olga@sesdemo.test", PortalRoles.Ops) })
        {
            await owner.SubmitFormAsync(await owner.GetAsync("/console/team/invite"), "invite-member", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Role"] = role });
            var link = MailLinks.In((await factory.LastEmailToAsync(email))!.HtmlBody).Single();
            var person = factory.CreatePortalClient();
            await person.FollowAsync(await person.SubmitFormAsync(await person.GetAsync(new Uri(link).PathAndQuery), "choose-password",
                new Dictionary<string, string> { ["Input.Password"] = "a good password", ["Input.ConfirmPassword"] = "a good password" }));
            var customers = await person.GetAsync("/console/customers");
            var approvals = await person.GetAsync("/console/approvals");
            if (role == PortalRoles.Sales)
                Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (customers.Status, approvals.Status));
            else
                Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (customers.Status, approvals.Status));
        }
    }
}
