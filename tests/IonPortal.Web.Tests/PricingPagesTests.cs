using System.Net;
using IonPortal.Core.Catalog;
using IonPortal.Core.Pricing;
using IonPortal.Core.Resellers;
using IonPortal.Core.Storefronts;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Tests;

/// <summary>A reseller admin builds a price book in the console and the storefront shows exactly its prices.</summary>
public class PricingPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, string> Book(string name, string basis, string currency, string direction, string percent) =>
        new() { ["Input.Name"] = name, ["Input.Basis"] = basis, ["Input.Currency"] = currency, ["Input.Direction"] = direction, ["Input.Percent"] = percent };

    private async Task<(decimal Cost, Guid PlanId)> PlanAsync(string productName, Term term, BillingFrequency billing, string currency) =>
        await factory.QueryAsync(db => db.Set<Plan>()
            .Where(p => p.Product!.Name == productName && p.Term == term && p.Billing == billing)
            .Select(p => new ValueTuple<decimal, Guid>(p.Prices.Single(x => x.Currency == currency).Cost, p.Id)).SingleAsync());

    private async Task<Guid> VendorAsync(string name) => await factory.QueryAsync(db => db.Set<Vendor>().Where(v => v.Name == name).Select(v => v.Id).SingleAsync());

    [Fact]
    public async Task A_book_with_markup_vendor_override_and_fixed_price_prices_the_preview_and_the_storefront()
    {
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync("admin@northwind.test");

        var created = await client.FollowAsync(await client.SubmitFormAsync(await client.GetAsync("/console/price-books/new"), "new-price-book",
            Book("Spring USD", "Cost", "USD", "markup", "15")));
        Assert.Contains("Price book created.", created.Text);
        var bookUrl = created.Url.Split('?')[0];

        var dropbox = await VendorAsync("Dropbox");
        var withVendor = await client.FollowAsync(await client.SubmitFormAsync(created, "vendor-override",
            new Dictionary<string, string> { ["VendorRule.VendorId"] = dropbox.ToString(), ["VendorRule.Direction"] = "markup", ["VendorRule.Percent"] = "10" }));
        Assert.Contains("Override saved.", withVendor.Text);

        var (standardCost, standardAnnual) = await PlanAsync("Microsoft 365 Business Standard", Term.P1Y, BillingFrequency.Annual, "USD");
        var overridePage = await client.GetAsync($"{bookUrl}/plans/{standardAnnual}");
        var fixedPage = await client.FollowAsync(await client.SubmitFormAsync(overridePage, "plan-fixed", new Dictionary<string, string> { ["Fixed.Price"] = "150" }));
        Assert.Equal("US$150.00", fixedPage.Document.GetElementById("current-price")!.TextContent);

        var (dropboxCost, _) = await PlanAsync("Dropbox Business Standard", Term.P1M, BillingFrequency.Monthly, "USD");
        var (defenderCost, _) = await PlanAsync("Microsoft Defender for Business", Term.P1Y, BillingFrequency.Annual, "USD");
        var preview = await client.GetAsync($"{bookUrl}/preview?q=Business%20Standard");
        var defender = await client.GetAsync($"{bookUrl}/preview?q=Defender%20for%20Business");
        string Cell(string productName, string sku, string column) =>
            new[] { preview, defender }.SelectMany(p => p.Document.QuerySelectorAll("tbody tr"))
                .First(r => r.TextContent.Contains(productName) && r.GetAttribute("data-sku")!.Contains(sku)).QuerySelector($"td.{column}")!.TextContent;
        var standardSku = await factory.QueryAsync(db => db.Set<Plan>().Where(p => p.Id == standardAnnual).Select(p => p.Sku).SingleAsync());
        Assert.Equal("US$150.00", Cell("Microsoft 365 Business Standard", standardSku, "price"));
        Assert.Equal(Money(150m - standardCost), Cell("Microsoft 365 Business Standard", standardSku, "margin"));
        Assert.Equal(Money(Core.Pricing.Money.Adjust(dropboxCost, 10m)), Cell("Dropbox Business Standard", "P1M", "price"));
        Assert.Contains("Vendor: +10 %", Cell("Dropbox Business Standard", "P1M", "set-by"));
        Assert.Equal(Money(Core.Pricing.Money.Adjust(defenderCost, 15m)), Cell("Microsoft Defender for Business", "P1Y-ANN", "price"));
        Assert.Equal("13 %", Cell("Microsoft Defender for Business", "P1Y-ANN", "margin-percent"));

        var settings = await client.GetAsync("/console/storefront");
        var bookId = bookUrl.Split('/').Last();
        await client.FollowAsync(await client.SubmitFormAsync(settings, "storefront-pricing", new Dictionary<string, string> { ["Pricing.PriceBookId"] = bookId }));

        var productId = await factory.QueryAsync(db => db.Set<Product>().Where(p => p.Name == "Microsoft 365 Business Standard").Select(p => p.Id).SingleAsync());
        var storefront = await WaitForAsync(factory.CreatePortalClient(), $"/v2c/products/{productId}?accountName=northwind", page => page.Text.Contains("US$150.00"));
        Assert.Contains("US$150.00", storefront.Document.QuerySelectorAll("tbody tr").First(r => r.TextContent.Contains(standardSku)).TextContent);
        Assert.DoesNotContain("CA$", storefront.Html);
    }

    [Fact]
    public async Task Bad_input_on_the_price_book_forms_is_shown_next_to_the_field_and_nothing_is_saved()
    {
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync("admin@sesdemo.test");
        var before = await factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().CountAsync());

        var page = await client.SubmitFormAsync(await client.GetAsync("/console/price-books/new"), "new-price-book", Book("", "Cost", "USD", "markup", "1500"));
        var taken = await client.SubmitFormAsync(await client.GetAsync("/console/price-books/new"), "new-price-book", Book("Web store USD", "Cost", "USD", "markup", "5"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Give the price book a name.", page.ErrorFor("book-name"));
        Assert.Equal("Use a percentage from 0 to 1000.", page.ErrorFor("book-default-percent"));
        Assert.Equal("1500", page.ValueOf("book-default-percent"));
        Assert.Equal("You already have a price book with this name.", taken.ErrorFor("book-name"));
        Assert.Equal(before, await factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task The_storefront_book_cannot_be_deleted_and_history_shows_who_changed_what()
    {
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync("admin@sesdemo.test");
        var bookId = await factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().Where(b => b.Name == "Web store USD").Select(b => b.Id).SingleAsync());
        var page = await client.GetAsync($"/console/price-books/{bookId}");

        var refused = await client.SubmitFormAsync(page, "delete-book");
        var saved = await client.FollowAsync(await client.SubmitFormAsync(page, "book-settings",
            new Dictionary<string, string> { ["Settings.Name"] = "Web store USD", ["Settings.Direction"] = "markup", ["Settings.Percent"] = "17.5" }));

        Assert.Contains("This book prices your storefront.", refused.Text);
        var latest = saved.Document.QuerySelector(".audit-history li")!.TextContent;
        Assert.Contains("Sofía Estrada", latest);
        Assert.Contains("Changed the name or default", latest);
        Assert.Contains("15", latest);
        Assert.Contains("17.5", latest);
    }

    [Fact]
    public async Task Sales_staff_may_price_but_ops_staff_may_not()
    {
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync("admin@sesdemo.test");
        foreach (var (email, role) in new[] { ("seller@sesdemo.test", "Sales"), ("ops@sesdemo.test", "Ops") })
        {
            await client.SubmitFormAsync(await client.GetAsync("/console/team/invite"), "invite-member",
                new Dictionary<string, string> { ["Input.Email"] = email, ["Input.DisplayName"] = role, ["Input.Role"] = role });
        }
        await factory.QueryAsync(async db =>
        {
            var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<Core.Accounts.PortalUser>();
            foreach (var user in await db.Users.Where(u => u.Email == "seller@sesdemo.test" || u.Email == "ops@sesdemo.test").ToListAsync())
                user.PasswordHash = hasher.HashPassword(user, "staff password 1");
            return await db.SaveChangesAsync();
        });

        var seller = factory.CreatePortalClient();
        await seller.SignInToConsoleAsync("seller@sesdemo.test", "staff password 1");
        var ops = factory.CreatePortalClient();
        await ops.SignInToConsoleAsync("ops@sesdemo.test", "staff password 1");

        Assert.Equal(HttpStatusCode.OK, (await seller.GetAsync("/console/price-books")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await seller.GetAsync("/console/storefront")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await ops.GetAsync("/console/price-books")).Status);
    }

    private static string Money(decimal amount) => amount.ToString("C", new System.Globalization.NumberFormatInfo { CurrencySymbol = "US$", CurrencyDecimalDigits = 2, CurrencyPositivePattern = 0, CurrencyNegativePattern = 1, CurrencyDecimalSeparator = ".", CurrencyGroupSeparator = ",", CurrencyGroupSizes = [3] });

    /// <summary>Storefront pages are cached; a change shows once its notification evicted them (milliseconds).</summary>
    internal static async Task<Page> WaitForAsync(PortalClient client, string url, Func<Page, bool> condition)
    {
        Page page = await client.GetAsync(url);
        for (var i = 0; i < 50 && !condition(page); i++)
        {
            await Task.Delay(100);
            page = await client.GetAsync(url);
        }
        return page;
    }
}
