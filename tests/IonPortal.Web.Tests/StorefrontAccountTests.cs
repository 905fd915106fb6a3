using System.Net;
using IonPortal.Core.Accounts;
using IonPortal.Core.Approvals;
using IonPortal.Core.Customers;
using IonPortal.Core.Pricing;
using IonPortal.Web.Messaging;
using Microsoft.EntityFrameworkCore;

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
        var buyer = await BuyerAsync();
        var account = await buyer.GetAsync("/v2c/account?accountName=sesdemo&provider=google");
        Assert.Contains("Microsoft CSP", account.Text);
        Assert.Equal("google", account.Document.QuerySelector("#request-provider option[selected]")?.GetAttribute("value"));

        var sent = await buyer.FollowAsync(await buyer.SubmitFormAsync(account, "access-request", new Dictionary<string, string> { ["Access.Message"] = "For our analytics team." }));
        Assert.Contains("Request sent.", sent.Text);
        Assert.Contains("waiting for review", sent.Text);
        var twice = await buyer.SubmitFormAsync(sent, "access-request", new Dictionary<string, string> { ["Access.Provider"] = "google" });
        Assert.Equal("A request for this provider is already waiting.", twice.ErrorFor("request-provider"));
        Assert.Equal("New account request from Contoso Ltd", (await factory.LastEmailToAsync("admin@sesdemo.test"))!.Subject);

        var request = await factory.QueryAsync(db => db.Set<ApprovalRequest>().IgnoreQueryFilters().SingleAsync(r => r.Kind == ApprovalKind.AccountRequest && r.Provider == "google"));
        var admin = factory.CreatePortalClient();
        await admin.SignInToConsoleAsync("admin@sesdemo.test");
        var details = await admin.GetAsync($"/console/approvals/{request.Id}");
        Assert.Contains("For our analytics team.", details.Text);
        var mxn = await factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().Where(b => b.Name == "Partners MXN").Select(b => b.Id).SingleAsync());
        var wrongCurrency = await admin.SubmitFormAsync(details, "approve", new Dictionary<string, string> { ["Approval.PriceBookId"] = mxn.ToString() });
        Assert.Equal("Choose a price book in the customer's currency.", wrongCurrency.ErrorFor("approve-book"));
        var approved = await admin.FollowAsync(await admin.SubmitFormAsync(details, "approve", new Dictionary<string, string>()));
        Assert.Contains("Approved. The customer has been emailed.", approved.Text);

        var contoso = await factory.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().Include(c => c.Authorizations).SingleAsync(c => c.CompanyName == "Contoso Ltd"));
        Assert.Contains(contoso.Authorizations, a => a.Provider == "google" && a.Currency == "USD");
        Assert.Equal("Your request to SES Demo Solutions is approved", (await factory.LastEmailToAsync("buyer@contoso.test"))!.Subject);
        var after = await buyer.GetAsync("/v2c/account?accountName=sesdemo");
        Assert.Contains("Google Cloud", after.Document.QuerySelector("#access-requests ul")!.TextContent);
    }

    [Fact]
    public async Task A_customer_admin_invites_a_colleague_who_then_cannot_manage_people()
    {
        var buyer = await BuyerAsync();
        var account = await buyer.GetAsync("/v2c/account?accountName=sesdemo");

        var bad = await buyer.SubmitFormAsync(account, "invite-colleague", new Dictionary<string, string> { ["Invite.Email"] = "nope", ["Invite.DisplayName"] = "Typed" });
        Assert.Equal("Enter a valid email address.", bad.ErrorFor("colleague-email"));
        Assert.Equal("Typed", bad.ValueOf("colleague-name"));
        var invited = await buyer.FollowAsync(await buyer.SubmitFormAsync(account, "invite-colleague", new Dictionary<string, string>
        {
            ["Invite.Email"] = "gus@contoso.test", ["Invite.DisplayName"] = "Gus Colleague", ["Invite.Role"] = PortalRoles.CustomerUser,
        }));
        Assert.Contains("Invitation sent.", invited.Text);
        var link = Assert.Single(MailLinks.In((await factory.LastEmailToAsync("gus@contoso.test"))!.HtmlBody));

        var gus = factory.CreatePortalClient();
        var catalog = await gus.FollowAsync(await gus.SubmitFormAsync(await gus.GetAsync(new Uri(link).PathAndQuery), "choose-password",
            new Dictionary<string, string> { ["Input.Password"] = "gus likes clouds", ["Input.ConfirmPassword"] = "gus likes clouds" }));
        Assert.StartsWith("/v2c/catalog", catalog.Url);
        var own = await gus.GetAsync("/v2c/account?accountName=sesdemo");
        Assert.Contains("Your company's admins add and remove people.", own.Text);
        Assert.Empty(own.Document.QuerySelectorAll("input[name=_handler][value=invite-colleague]"));
        Assert.Empty(own.Document.QuerySelectorAll("button[name=Action]"));

        // The admin disables Gus.
        var gusId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == "gus@contoso.test").Select(u => u.Id).SingleAsync());
        var disabled = await buyer.FollowAsync(await buyer.SubmitFormAsync(await buyer.GetAsync("/v2c/account?accountName=sesdemo"), "person-action",
            new Dictionary<string, string> { ["Action"] = $"disable:{gusId}" }));
        Assert.Contains("Disabled.", disabled.Text);
        Assert.True(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.Id == gusId && u.LockoutEnd == PortalUser.AccessRemovedUntil)));
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
        // Never output-cached: another visitor still gets the public page.
        Assert.Null((await factory.CreatePortalClient().GetAsync($"/v2c/products/{productId}?accountName=sesdemo")).Document.QuerySelector("[data-testid=provider-access]"));
    }
}
