using System.Net;
using Bunit;
using IonPortal.Core.Accounts;
using IonPortal.Core.Customers;
using IonPortal.Core.Pricing;
using IonPortal.Web.Account;
using IonPortal.Web.Components.Console.Customers;
using IonPortal.Web.Messaging;
using IonPortal.Web.Tests.Components;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Tests;

public class CustomerPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Owner = "admin@sesdemo.test";

    private Task<Customer> CustomerAsync(string company) =>
        factory.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().Include(c => c.Authorizations).SingleAsync(c => c.CompanyName == company));

    private Task<Guid> BookAsync(string name) =>
        factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().Where(b => b.Name == name).Select(b => b.Id).SingleAsync());

    private Task<Guid> UserAsync(string email) => factory.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private static async Task FillProfileAsync(IRenderedComponent<CustomerForm> form, string company, string email, string state = "ON", string postal = "K1A 0B1")
    {
        form.Type("customer-company", company);
        form.Type("customer-first-name", "Ana");
        form.Type("customer-last-name", "Lima");
        form.Type("customer-email", email);
        form.Type("customer-phone", "+1 613 555 0101");
        await form.ChooseAsync("customer-country", "CA");
        form.Type("customer-street", "24 Sussex Drive");
        form.Type("customer-city", "Ottawa");
        form.Type("customer-state", state);
        form.Type("customer-postal-code", postal);
        await form.ChooseAsync("customer-language", "es");
    }

    [Fact]
    public async Task The_list_finds_customers_by_company_contact_email_or_domain_and_filters_by_status()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, Owner);

        var all = ui.RenderAt<CustomerList>("/console/customers").RowNames();
        var byDomain = ui.RenderAt<CustomerList>("/console/customers?q=contoso.test").RowNames();
        var byContact = ui.RenderAt<CustomerList>("/console/customers?q=carlos+buyer").RowNames();
        var suspended = ui.RenderAt<CustomerList>("/console/customers?status=suspended");

        Assert.Contains("Contoso Ltd", all);
        Assert.DoesNotContain("Fabrikam Inc", all);
        Assert.Equal(["Contoso Ltd"], byDomain);
        Assert.Equal(["Contoso Ltd"], byContact);
        suspended.Rows();
        Assert.Contains("No customer matches", suspended.Text());
        Assert.Equal("Search by company, contact, email or domain", suspended.Find("label[for=customer-search]").TextContent.Trim());

        // Typing in the search box searches the database and puts the search in the address.
        var typed = ui.RenderAt<CustomerList>("/console/customers");
        typed.Rows();
        typed.Find("#customer-search").Input("carlos buyer");
        typed.WaitForRows("Contoso Ltd");
        Assert.EndsWith("/console/customers?q=carlos%20buyer", ui.Navigation.Uri);
    }

    [Fact]
    public async Task The_list_pages_and_sorts()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, Owner);
        for (var i = 1; i <= 26; i++)
        {
            var draft = new CustomerDraft($"Paging Co {i:00}", null, new ContactDetails("Pat", "Page", $"p{i}@paging{i}.ca", null, null),
                new PostalAddress("1 Main St", "Ottawa", "ON", "K1A 0B1", "CA"), "en", "USD", null, null);
            Assert.True((await ui.Session.RunAsync((CustomerRecords customers) => customers.CreateAsync(draft))).IsDone);
        }

        var first = ui.RenderAt<CustomerList>("/console/customers?q=paging").RowNames();
        var second = ui.RenderAt<CustomerList>("/console/customers?q=paging&page=2").RowNames();
        var descending = ui.RenderAt<CustomerList>("/console/customers?q=paging&sort=company&desc=true").RowNames();
        var junkPage = ui.RenderAt<CustomerList>("/console/customers?q=paging&page=banana&sort=%27drop&desc=maybe");
        var junk = junkPage.RowNames();

        Assert.Equal(25, first.Count);
        // Sorting is the heading's own click; no column menu beside it (it offered only "Unsort").
        Assert.NotEmpty(junkPage.FindAll("th .sortable-column-header"));
        Assert.Empty(junkPage.FindAll("[aria-label='Column options']"));
        Assert.Equal("Paging Co 01", first[0]);
        Assert.Equal(["Paging Co 26"], second);
        Assert.Equal("Paging Co 26", descending[0]);
        Assert.Equal(first, junk);
    }

    [Fact]
    public async Task Bad_input_is_shown_next_to_each_field_with_what_was_typed_and_nothing_is_saved()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, Owner);
        var before = await factory.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().CountAsync());
        var form = ui.Render<CustomerForm>();
        form.WaitForElement("#customer-company");
        await FillProfileAsync(form, "", "not-an-email", state: "", postal: "12345");
        form.Type("customer-domain", "not a domain");
        await form.ChooseAsync<CustomerForm, Guid?>("customer-book", await BookAsync("Partners MXN"));

        await form.SubmitAsync();

        form.WaitForAssertion(() => Assert.Equal("Enter the company name.", form.ErrorFor("customer-company")));
        Assert.Equal("Enter a valid email address.", form.ErrorFor("customer-email"));
        Assert.Equal("This postal code doesn't match the country's format.", form.ErrorFor("customer-postal-code"));
        Assert.Equal("Enter the state or province.", form.ErrorFor("customer-state"));
        Assert.Equal("Enter a domain like contoso.com.", form.ErrorFor("customer-domain"));
        Assert.Equal("Choose a price book in the customer's currency.", form.ErrorFor("customer-book"));
        Assert.Equal("not-an-email", form.ValueOf("customer-email"));
        Assert.Equal("12345", form.ValueOf("customer-postal-code"));
        Assert.Equal("24 Sussex Drive", form.ValueOf("customer-street"));
        Assert.Equal(before, await factory.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().CountAsync()));

        // Correcting a field takes its message away.
        form.Type("customer-company", "Wingtip");
        Assert.Null(form.ErrorFor("customer-company"));
    }

    [Fact]
    public async Task A_new_customer_is_edited_authorized_for_a_provider_and_its_history_says_who_did_what()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, Owner);
        var form = ui.Render<CustomerForm>();
        form.WaitForElement("#customer-company");
        await FillProfileAsync(form, "Wingtip Toys", "ana@wingtip.ca");
        await form.ChooseAsync<CustomerForm, Guid?>("customer-book", await BookAsync("Web store USD"));
        await form.SubmitAsync();
        var id = (await CustomerAsync("Wingtip Toys")).Id;
        Assert.EndsWith($"/console/customers/{id}", ui.Navigation.Uri);
        Assert.Contains("Customer added.", ui.Notices);

        var edit = ui.Render<CustomerForm>(p => p.Add(x => x.Id, id));
        edit.WaitForElement("#customer-company");
        Assert.Equal("Wingtip Toys", edit.ValueOf("customer-company"));
        Assert.Equal("wingtip.ca", edit.ValueOf("customer-domain"));
        edit.Type("customer-company", "Wingtip Toys Canada");
        await edit.SubmitAsync();
        Assert.Contains("Profile saved.", ui.Notices);

        var details = ui.Render<CustomerDetails>(p => p.Add(x => x.Id, id));
        details.WaitForElement("#grant-provider");
        Assert.Contains("Wingtip Toys Canada", details.Find("h1").TextContent);
        await details.ChooseAsync("grant-provider", "microsoft");
        await details.ChooseAsync<CustomerDetails, Guid?>("grant-book", await BookAsync("Partners MXN"));
        await details.SubmitAsync("grant-provider");
        details.WaitForAssertion(() => Assert.Equal("Choose a price book in the customer's currency.", details.ErrorFor("grant-book")));
        Assert.Empty((await CustomerAsync("Wingtip Toys Canada")).Authorizations);

        await details.ChooseAsync<CustomerDetails, Guid?>("grant-book", await BookAsync("Key accounts USD"));
        await details.Find(".mud-switch input").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = false });
        await details.SubmitAsync("grant-provider");
        details.WaitForAssertion(() => Assert.Contains("Through you only", details.Find("[data-testid=provider-access]").TextContent));
        Assert.Contains("Provider access saved.", ui.Notices);
        var authorization = Assert.Single((await CustomerAsync("Wingtip Toys Canada")).Authorizations);
        Assert.Equal(("microsoft", "USD", false), (authorization.Provider, authorization.Currency, authorization.EnabledInPortal));

        await ui.PressAndAnswerAsync(details, $"Remove access to {IonPortal.Core.Catalog.CloudProviders.NameOf("microsoft")}", "Remove");
        Assert.Empty((await CustomerAsync("Wingtip Toys Canada")).Authorizations);
        details.WaitForAssertion(() => Assert.Contains("Removed provider access", details.Find(".audit-history").TextContent));
        var history = details.Find(".audit-history").TextContent;
        Assert.Contains("Added the customer", history);
        Assert.Contains("Changed the profile", history);
        Assert.Contains("Sofía Estrada", history);
    }

    [Fact]
    public async Task Suspending_a_customer_signs_its_people_out_and_keeps_them_out_until_it_is_active_again()
    {
        var buyer = factory.CreatePortalClient();
        Assert.Contains("Carlos Buyer", (await buyer.SignInToStorefrontAsync("sesdemo", "buyer@contoso.test")).Text);
        var contoso = (await CustomerAsync("Contoso Ltd")).Id;
        var stampsBefore = await factory.QueryAsync(db => db.Users.Where(u => u.CustomerId == contoso).Select(u => u.SecurityStamp).ToListAsync());
        await using var ui = await ComponentHarness.AsAsync(factory, Owner);
        var details = ui.Render<CustomerDetails>(p => p.Add(x => x.Id, contoso));
        details.WaitForElement("[data-testid=customer-status]");

        await ui.PressAndAnswerAsync(details, "Suspend", "Suspend");
        try
        {
            details.WaitForAssertion(() => Assert.Equal("Suspended", details.Find("[data-testid=customer-status]").TextContent.Trim()));
            Assert.Contains("Customer suspended.", ui.Notices);
            // The session's security stamp is stale now: the next check (at most a minute later) signs them out.
            var stamps = await factory.QueryAsync(db => db.Users.Where(u => u.CustomerId == contoso).Select(u => u.SecurityStamp).ToListAsync());
            Assert.Empty(stamps.Intersect(stampsBefore));
            var again = factory.CreatePortalClient();
            var refused = await again.SubmitFormAsync(await again.GetAsync("/v2c/signin?accountName=sesdemo"), "signin",
                new Dictionary<string, string> { ["Input.Email"] = "buyer@contoso.test", ["Input.Password"] = Demo.DemoData.Password });
            Assert.Contains(Problems.CompanyInactive.Text, refused.Text);
            var wrongPassword = await again.SubmitFormAsync(await again.GetAsync("/v2c/signin?accountName=sesdemo"), "signin",
                new Dictionary<string, string> { ["Input.Email"] = "buyer@contoso.test", ["Input.Password"] = "not the password" });
            Assert.Contains(Problems.WrongCredentials.Text, wrongPassword.Text);
        }
        finally
        {
            await details.PressAsync("Activate");
            details.WaitForAssertion(() => Assert.Equal("Active", details.Find("[data-testid=customer-status]").TextContent.Trim()));
            Assert.Contains("Customer activated.", ui.Notices);
        }
        var back = factory.CreatePortalClient();
        Assert.Equal("/v2c/catalog?accountName=sesdemo", (await back.SignInToStorefrontAsync("sesdemo", "buyer@contoso.test")).Url);
    }

    [Fact]
    public async Task People_are_invited_or_welcomed_and_disabling_one_ends_their_access()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, Owner);
        var contoso = (await CustomerAsync("Contoso Ltd")).Id;
        var form = ui.Render<NewCustomerPerson>(p => p.Add(x => x.Id, contoso));
        form.WaitForElement("#person-email");

        form.Type("person-email", "BUYER@contoso.test");
        await form.SubmitAsync();
        form.WaitForAssertion(() => Assert.Equal("This email already has an account at this storefront.", form.ErrorFor("person-email")));

        form.Type("person-email", "dana@contoso.test");
        form.Type("person-name", "Dana Ops");
        await form.PickAsync("Orders, and manages the company's users.");
        await form.SubmitAsync();
        Assert.Contains("Invitation sent.", ui.Notices);
        var dana = await UserAsync("dana@contoso.test");
        Assert.EndsWith($"/console/customers/{contoso}/people/{dana}", ui.Navigation.Uri);
        var danaPage = ui.Render<CustomerPerson>(p => p.Add(x => x.Id, contoso).Add(x => x.UserId, dana));
        danaPage.WaitForAssertion(() => Assert.Equal("Invited", danaPage.Find("[data-testid=person-status]").TextContent.Trim()));
        var invitation = await factory.LastEmailToAsync("dana@contoso.test");
        Assert.StartsWith("http://localhost/v2c/accept-invitation?accountName=sesdemo&user=", Assert.Single(MailLinks.In(invitation!.HtmlBody)));
        Assert.Equal(PortalRoles.CustomerAdmin, await factory.QueryAsync(db => db.Users.Where(u => u.Id == dana).Select(u => u.Role).SingleAsync()));

        var welcome = ui.Render<NewCustomerPerson>(p => p.Add(x => x.Id, contoso));
        welcome.WaitForElement("#person-email");
        welcome.Type("person-email", "eli@contoso.test");
        await welcome.PickAsync("Create the account and send a welcome email");
        await welcome.SubmitAsync();
        Assert.Contains("Account created and welcome email sent.", ui.Notices);
        var welcomeEmail = await factory.LastEmailToAsync("eli@contoso.test");
        Assert.Equal("Welcome to SES Demo Solutions", welcomeEmail!.Subject);
        Assert.Contains("http://localhost/v2c/signin?accountName=sesdemo", MailLinks.In(welcomeEmail.HtmlBody));

        var buyerId = await UserAsync("buyer@contoso.test");
        var person = ui.Render<CustomerPerson>(p => p.Add(x => x.Id, contoso).Add(x => x.UserId, buyerId));
        person.WaitForElement("[data-testid=person-status]");
        await ui.PressAndAnswerAsync(person, "Disable", "Disable");
        person.WaitForAssertion(() => Assert.Equal("No access", person.Find("[data-testid=person-status]").TextContent.Trim()));
        var other = factory.CreatePortalClient();
        var refused = await other.SubmitFormAsync(await other.GetAsync("/v2c/signin?accountName=sesdemo"), "signin",
            new Dictionary<string, string> { ["Input.Email"] = "buyer@contoso.test", ["Input.Password"] = Demo.DemoData.Password });
        Assert.Contains(Problems.AccessRemoved.Text, refused.Text);

        await person.PressAsync("Restore access");
        person.WaitForAssertion(() => Assert.Equal("Active", person.Find("[data-testid=person-status]").TextContent.Trim()));
    }

    [Fact]
    public async Task Another_resellers_customer_pages_are_not_found_over_http_and_in_a_circuit()
    {
        var fabrikam = await CustomerAsync("Fabrikam Inc");
        var frank = await UserAsync("buyer@fabrikam.test");
        var contosoBuyer = await UserAsync("buyer@contoso.test");
        var contoso = (await CustomerAsync("Contoso Ltd")).Id;
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync(Owner);

        foreach (var url in new[] { $"/console/customers/{fabrikam.Id}", $"/console/customers/{fabrikam.Id}/edit", $"/console/customers/{fabrikam.Id}/people/new",
                     $"/console/customers/{fabrikam.Id}/people/{frank}", $"/console/customers/{contoso}/people/{frank}", $"/console/customers/{Guid.NewGuid()}" })
        {
            var page = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.DoesNotContain("Fabrikam", page.Html);
            Assert.DoesNotContain("Frank", page.Html);
        }

        await using var ui = await ComponentHarness.AsAsync(factory, Owner);
        foreach (var render in new Func<Bunit.IRenderedComponent<Microsoft.AspNetCore.Components.IComponent>>[]
        {
            () => ui.Render<CustomerDetails>(p => p.Add(x => x.Id, fabrikam.Id)),
            () => ui.Render<CustomerForm>(p => p.Add(x => x.Id, fabrikam.Id)),
            () => ui.Render<NewCustomerPerson>(p => p.Add(x => x.Id, fabrikam.Id)),
            () => ui.Render<CustomerPerson>(p => p.Add(x => x.Id, fabrikam.Id).Add(x => x.UserId, frank)),
            () => ui.Render<CustomerPerson>(p => p.Add(x => x.Id, contoso).Add(x => x.UserId, frank)),
        })
        {
            var page = render();
            page.WaitForAssertion(() => Assert.True(ui.NotFound));
            Assert.DoesNotContain("Fabrikam", page.Markup);
            Assert.DoesNotContain("buyer@fabrikam.test", page.Markup);
        }
        // The person page of an own customer, for someone who works elsewhere, isn't found either.
        Assert.NotEqual(contosoBuyer, frank);
        var after = await CustomerAsync("Fabrikam Inc");
        Assert.Equal((CustomerStatus.Active, "Fabrikam Inc", 2), (after.Status, after.CompanyName, after.Authorizations.Count));
    }

    [Fact]
    public async Task Sales_staff_look_after_customers_but_operations_staff_do_not()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, Owner);
        foreach (var (email, role) in new[] { ("sam@sesdemo.test", PortalRoles.Sales), ("olga@sesdemo.test", PortalRoles.Ops) })
        {
            Assert.True((await ui.Session.RunAsync((Team team) => team.InviteAsync(email, null, role))).IsDone);
            var link = MailLinks.In((await factory.LastEmailToAsync(email))!.HtmlBody).Single();
            var person = factory.CreatePortalClient();
            await person.FollowAsync(await person.SubmitFormAsync(await person.GetAsync(new Uri(link).PathAndQuery), "choose-password",
                new Dictionary<string, string> { ["Input.Password"] = "a good password", ["Input.ConfirmPassword"] = "a good password" }));
            var customers = await person.GetAsync("/console/customers");
            var approvals = await person.GetAsync("/console/approvals");
            if (role == PortalRoles.Sales)
            {
                Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (customers.Status, approvals.Status));
            }
            else
            {
                Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (customers.Status, approvals.Status));
                Assert.StartsWith("/account/access-denied", new Uri(new Uri("http://localhost"), customers.RedirectTo).PathAndQuery);
            }
        }
    }
}
