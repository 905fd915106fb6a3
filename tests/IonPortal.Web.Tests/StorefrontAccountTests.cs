using System.Net;
using IonPortal.Core.Accounts;
using IonPortal.Core.Approvals;
using IonPortal.Core.Customers;
using IonPortal.Core.Pricing;
using IonPortal.Web.Messaging;
using Bunit;
using IonPortal.Core.Validation;
using IonPortal.Web.Components.Console.Approvals;
using IonPortal.Web.Components.Shared;
using IonPortal.Web.Tests.Components;
using Microsoft.EntityFrameworkCore;
using CustomerAccount = IonPortal.Web.Components.CustomerPortal.Account;

namespace IonPortal.Web.Tests;

/// <summary>A customer's own account page on the storefront, and what its sign-in changes in the catalog.</summary>
public class StorefrontAccountTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<PortalClient> BuyerAsync(string nickname = "sesdemo", string email = "buyer@contoso.test", string password = Demo.DemoData.Password)
    {
        var client = factory.CreatePortalClient();
        await client.SignInToStorefrontAsync(nickname, email, password);
        return client;
    }

    [Fact]
    public async Task A_customer_asks_for_another_provider_and_the_reseller_approves_it_from_the_queue()
    {
        await using var buyer = await ComponentHarness.AsAsync(factory, "buyer@contoso.test");
        var account = buyer.RenderAt<CustomerAccount>("/v2c/account?accountName=sesdemo&provider=google");
        account.WaitForElement("#request-provider");
        // The suggested provider is chosen once the page has loaded the company: on a busy machine that can follow the first render.
        account.WaitForAssertion(() =>
        {
            Assert.Contains("Microsoft CSP", account.Find("#access-requests").TextContent);
            Assert.Equal("google", account.FindComponents<PortalSelect<string>>().Single(s => s.Instance.Id == "request-provider").Instance.Value);
        });

        account.Type("request-message", "For our analytics team.");
        await account.SubmitAsync("request-provider");
        Assert.Contains("Request sent.", buyer.Notices);
        account.WaitForAssertion(() => Assert.Contains("waiting for review", account.Find("#access-requests").TextContent));
        var again = await buyer.Session.RunAsync((AccessRequests requests) => requests.RequestProviderAsync(buyer.Session.User!.CustomerId!.Value, "google", null));
        Assert.Equal("A request for this provider is already waiting.", again.Errors["Provider"]!.Text);
        Assert.Equal("New account request from Contoso Ltd", (await factory.LastEmailToAsync("admin@sesdemo.test"))!.Subject);

        var request = await factory.QueryAsync(db => db.Set<ApprovalRequest>().IgnoreQueryFilters().SingleAsync(r => r.Kind == ApprovalKind.AccountRequest && r.Provider == "google"));
        await using var admin = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        var details = admin.Render<ApprovalDetails>(p => p.Add(x => x.Id, request.Id));
        details.WaitForElement("#approve-book");
        Assert.Contains("For our analytics team.", details.Markup);
        var mxn = await factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().Where(b => b.Name == "Partners MXN").Select(b => b.Id).SingleAsync());
        var contosoBook = await factory.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().Where(c => c.CompanyName == "Contoso Ltd").Select(c => c.PriceBookId).SingleAsync());
        await details.ChooseAsync<ApprovalDetails, Guid?>("approve-book", mxn);
        await details.SubmitAsync("approve-book");
        details.WaitForAssertion(() => Assert.Equal("Choose a price book in the customer's currency.", details.ErrorFor("approve-book")));
        await details.ChooseAsync("approve-book", contosoBook);
        await details.SubmitAsync("approve-book");
        Assert.Contains("Approved. The customer has been emailed.", admin.Notices);

        var contoso = await factory.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().Include(c => c.Authorizations).SingleAsync(c => c.CompanyName == "Contoso Ltd"));
        Assert.Contains(contoso.Authorizations, a => a.Provider == "google" && a.Currency == "USD");
        Assert.Equal("Your request to SES Demo Solutions is approved", (await factory.LastEmailToAsync("buyer@contoso.test"))!.Subject);
        var after = buyer.Render<CustomerAccount>();
        after.WaitForAssertion(() => Assert.Contains("Google Cloud", after.Find("#access-requests .mud-list").TextContent));
    }

    [Fact]
    public async Task A_customer_admin_invites_a_colleague_who_then_cannot_manage_people()
    {
        await using var buyer = await ComponentHarness.AsAsync(factory, "buyer@contoso.test");
        var account = buyer.Render<CustomerAccount>();
        account.WaitForElement("#colleague-email");

        account.Type("colleague-email", "nope");
        account.Type("colleague-name", "Typed");
        await account.SubmitAsync("colleague-email");
        account.WaitForAssertion(() => Assert.Equal("Enter a valid email address.", account.ErrorFor("colleague-email")));
        Assert.Equal("Typed", account.ValueOf("colleague-name"));
        account.Type("colleague-email", "gus@contoso.test");
        account.Type("colleague-name", "Gus Colleague");
        await account.PickAsync("Orders and sees the company's products.");
        await account.SubmitAsync("colleague-email");
        Assert.Contains("Invitation sent.", buyer.Notices);
        var link = Assert.Single(MailLinks.In((await factory.LastEmailToAsync("gus@contoso.test"))!.HtmlBody));

        var gus = factory.CreatePortalClient();
        var catalog = await gus.FollowAsync(await gus.SubmitFormAsync(await gus.GetAsync(new Uri(link).PathAndQuery), "choose-password",
            new Dictionary<string, string> { ["Input.Password"] = "gus likes clouds", ["Input.ConfirmPassword"] = "gus likes clouds" }));
        Assert.StartsWith("/v2c/catalog", catalog.Url);
        await using (var gusUi = await ComponentHarness.AsAsync(factory, "gus@contoso.test"))
        {
            var own = gusUi.Render<CustomerAccount>();
            own.WaitForAssertion(() => Assert.Contains("Your company's admins add and remove people.", own.Markup));
            Assert.Empty(own.FindAll("#colleague-email"));
            Assert.DoesNotContain(own.FindAll("button"), b => b.TextContent.Trim() is "Disable" or "Restore access");
            // Whatever a page shows, the service refuses a plain user.
            var refused = await gusUi.Session.RunAsync((CustomerPeople people) => people.AddAsync(gusUi.Session.User!.CustomerId!.Value, "x@contoso.test", null, PortalRoles.CustomerUser, FirstEmail.Invitation));
            Assert.Equal(OutcomeStatus.Forbidden, refused.Status);
        }

        // The admin disables Gus.
        var gusId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == "gus@contoso.test").Select(u => u.Id).SingleAsync());
        var people = buyer.Render<CustomerAccount>();
        people.WaitForElement("#colleague-email");
        await buyer.PressAndAnswerAsync(people, "Disable gus@contoso.test", "Disable");
        Assert.Contains("Disabled.", buyer.Notices);
        Assert.True(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.Id == gusId && u.LockoutEnd == PortalUser.AccessRemovedUntil)));
    }

    [Fact]
    public async Task Another_customers_people_stay_out_of_reach_in_the_customer_portal()
    {
        var fabrikam = await factory.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().Where(c => c.CompanyName == "Fabrikam Inc").Select(c => c.Id).SingleAsync());
        var frank = await factory.QueryAsync(db => db.Users.Where(u => u.Email == "buyer@fabrikam.test").Select(u => u.Id).SingleAsync());
        await using var buyer = await ComponentHarness.AsAsync(factory, "buyer@contoso.test");
        var contoso = buyer.Session.User!.CustomerId!.Value;

        var otherCompany = await buyer.Session.RunAsync((CustomerPeople people) => people.SetAccessAsync(fabrikam, frank, false));
        var otherPerson = await buyer.Session.RunAsync((CustomerPeople people) => people.SetAccessAsync(contoso, frank, false));
        var list = await buyer.Session.RunAsync((CustomerPeople people) => people.ListAsync(fabrikam));

        Assert.Equal(OutcomeStatus.NotFound, otherCompany.Status);
        Assert.Equal(OutcomeStatus.NotFound, otherPerson.Status);
        Assert.Null(list);
        Assert.False(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.Id == frank && u.LockoutEnd != null)));
        var page = buyer.Render<CustomerAccount>();
        page.WaitForElement("#colleague-email");
        Assert.DoesNotContain("fabrikam", page.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_account_page_is_only_for_the_storefronts_own_customers()
    {
        var anonymous = await factory.CreatePortalClient().GetAsync("/v2c/account?accountName=sesdemo");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.Status);
        Assert.StartsWith("/v2c/signin?accountName=sesdemo", anonymous.RedirectTo);

        var fabrikamBuyer = await BuyerAsync("northwind", "buyer@fabrikam.test");
        var elsewhere = await fabrikamBuyer.GetAsync("/v2c/account?accountName=sesdemo");
        Assert.NotEqual(HttpStatusCode.OK, elsewhere.Status);
        Assert.Contains("Fabrikam Inc", (await fabrikamBuyer.GetAsync("/v2c/account?accountName=northwind")).Text);
    }

    [Fact]
    public async Task Signed_in_customers_see_their_own_prices_and_what_they_may_do_with_each_provider()
    {
        var productId = await factory.QueryAsync(db => db.Set<Core.Catalog.Product>().Where(p => p.Name == "Microsoft 365 Business Standard").Select(p => p.Id).SingleAsync());
        var acrobat = await factory.QueryAsync(db => db.Set<Core.Catalog.Product>().Where(p => p.Provider == "direct" && p.Vendor!.Name == "Acronis").Select(p => p.Id).FirstAsync());
        var visitor = await factory.CreatePortalClient().GetAsync($"/v2c/products/{productId}?accountName=sesdemo");
        var buyer = await BuyerAsync();
        var own = await buyer.GetAsync($"/v2c/products/{productId}?accountName=sesdemo");
        var other = await buyer.GetAsync($"/v2c/products/{acrobat}?accountName=sesdemo");

        Assert.NotEqual(visitor.Document.QuerySelector(".plan-price")!.TextContent, own.Document.QuerySelector(".plan-price")!.TextContent);
        Assert.Null(visitor.Document.QuerySelector("[data-testid=provider-access]"));
        Assert.Contains("These are your company's prices.", own.Document.QuerySelector("[data-testid=provider-access]")!.TextContent);
        Assert.Contains("Ask for access", other.Document.QuerySelector("[data-testid=provider-access]")!.TextContent);
        // The customer's page is theirs alone: a visitor still gets the public one.
        Assert.Null((await factory.CreatePortalClient().GetAsync($"/v2c/products/{productId}?accountName=sesdemo")).Document.QuerySelector("[data-testid=provider-access]"));
    }
}
