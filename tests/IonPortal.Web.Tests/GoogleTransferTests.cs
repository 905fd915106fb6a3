using System.Net;
using IonPortal.Core.Customers;
using IonPortal.Core.Google;
using IonPortal.Core.Resellers;
using IonPortal.Core.Subscriptions;
using IonPortal.Core.Validation;
using IonPortal.Web.Tests.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IonPortal.Web.Tests;

/// <summary>A Google Workspace customer moves to its reseller with a transfer token from the sandbox's Admin console.</summary>
public class GoogleTransferTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<string> TokenAsync(string domain, string publicIds)
    {
        var client = factory.CreateClient();
        var page = await client.PostAsync("/sandbox/google/transfer", new FormUrlEncodedContent(new Dictionary<string, string> { ["domain"] = domain, ["publicIds"] = publicIds }));
        var html = await page.Content.ReadAsStringAsync();
        return System.Text.RegularExpressions.Regex.Match(html, "value=\"(TT-[0-9A-F]+)\" data-testid=\"transfer-token\"").Groups[1].Value;
    }

    private async Task<(Guid Customer, string PublicIds)> FabrikamAsync()
    {
        var northwind = await factory.QueryAsync(db => db.Set<Reseller>().SingleAsync(r => r.Nickname == "northwind"));
        var customer = await factory.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().Where(c => c.ResellerId == northwind.Id && c.CompanyName.StartsWith("Fabrikam")).Select(c => c.Id).SingleAsync());
        return (customer, GoogleTransfers.PublicIds(factory.Services.GetRequiredService<IOptions<GoogleOptions>>().Value, northwind.Id));
    }

    [Fact]
    public async Task A_transfer_token_moves_the_customers_workspace_subscriptions_here_once()
    {
        var (customer, publicIds) = await FabrikamAsync();
        var token = await TokenAsync("fabrikam.test", publicIds);
        Assert.NotEmpty(token);
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@northwind.test");

        var moved = await ui.Session.RunAsync((GoogleTransfers t) => t.TransferAsync(customer, "fabrikam.test", token));
        var again = await ui.Session.RunAsync((GoogleTransfers t) => t.TransferAsync(customer, "Fabrikam.test", token));

        Assert.True(moved.IsDone, moved.Problem?.Key);
        Assert.Equal([12, 4], moved.Value.Select(s => s.Quantity));
        Assert.All(moved.Value, s => Assert.True(s.Provider == "google" && s.UnitPrice > 0 && s.OrderId is null && s.Status == SubscriptionStatus.Active));
        Assert.Empty(again.Value);   // the same token again moves nothing twice
        Assert.Equal(2, await factory.QueryAsync(db => db.Set<Subscription>().IgnoreQueryFilters().CountAsync(s => s.CustomerId == customer && s.Provider == "google")));
        var listed = await ui.Session.RunAsync((Subscriptions s) => s.ListAsync(customer, null, null, new Core.Paging.PageRequest()));
        Assert.Equal(2, listed.Items.Count(s => moved.Value.Any(m => m.Id == s.Id)));
        // Not connected for changes: the page says so and offers none.
        Assert.False(await ui.Session.RunAsync((Subscriptions s) => s.MayChangeAsync(customer, "google")));
    }

    [Fact]
    public async Task A_token_for_another_reseller_or_domain_or_in_the_wrong_shape_is_refused_with_a_reason()
    {
        var (customer, publicIds) = await FabrikamAsync();
        var forSomeoneElse = await TokenAsync("fabrikam.test", "C01onp0rt-C0deadbeef");
        var otherDomain = await TokenAsync("contoso.test", publicIds);
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@northwind.test");

        Assert.Equal(Problems.TransferTokenRefused, (await ui.Session.RunAsync((GoogleTransfers t) => t.TransferAsync(customer, "fabrikam.test", forSomeoneElse))).Errors["Token"]);
        Assert.Equal(Problems.TransferTokenRefused, (await ui.Session.RunAsync((GoogleTransfers t) => t.TransferAsync(customer, "fabrikam.test", otherDomain))).Errors["Token"]);
        var junk = await ui.Session.RunAsync((GoogleTransfers t) => t.TransferAsync(customer, "not a domain", "x"));
        Assert.Equal((Problems.DomainInvalid, Problems.TransferTokenInvalid), (junk.Errors["Domain"], junk.Errors["Token"]));

        await using var other = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        Assert.Equal(OutcomeStatus.NotFound, (await other.Session.RunAsync((GoogleTransfers t) => t.TransferAsync(customer, "fabrikam.test", otherDomain))).Status);
    }

    [Fact]
    public async Task The_customer_portal_shows_the_public_ids_to_quote()
    {
        var (_, publicIds) = await FabrikamAsync();
        var client = factory.CreatePortalClient();
        await client.SignInToStorefrontAsync("northwind", "buyer@fabrikam.test");

        var page = await client.GetAsync("/v2c/account?accountName=northwind");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(publicIds, page.ValueOf("google-public-ids"));
    }
}
