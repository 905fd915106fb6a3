using System.Net;
using Bunit;
using IonPortal.Core.Accounts;
using IonPortal.Core.Catalog;
using IonPortal.Core.Pricing;
using IonPortal.Web.Components.Console.PriceBooks;
using IonPortal.Web.Components.Console.StorefrontSetup;
using IonPortal.Web.Tests.Components;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Tests;

/// <summary>A reseller admin builds a price book in the console and the storefront shows exactly its prices.</summary>
public class PricingPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(decimal Cost, Guid PlanId)> PlanAsync(string productName, Term term, BillingFrequency billing, string currency) =>
        await factory.QueryAsync(db => db.Set<Plan>()
            .Where(p => p.Product!.Name == productName && p.Term == term && p.Billing == billing)
            .Select(p => new ValueTuple<decimal, Guid>(p.Prices.Single(x => x.Currency == currency).Cost, p.Id)).SingleAsync());

    private async Task<Guid> VendorAsync(string name) => await factory.QueryAsync(db => db.Set<Vendor>().Where(v => v.Name == name).Select(v => v.Id).SingleAsync());

    private static async Task<IRenderedComponent<NewPriceBook>> NewBookAsync(ComponentHarness ui, string name, string currency, string percent)
    {
        var form = ui.Render<NewPriceBook>();
        form.Type("book-name", name);
        await form.ChooseAsync("book-currency", currency);
        form.Type("book-default-percent", percent);
        await form.SubmitAsync();
        return form;
    }

    [Fact]
    public async Task A_book_with_markup_vendor_override_and_fixed_price_prices_the_preview_and_the_storefront()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@northwind.test");
        await NewBookAsync(ui, "Spring USD", "USD", "15");
        Assert.Contains("Price book created.", ui.Notices);
        var bookId = Guid.Parse(ui.Navigation.Uri.Split('/').Last());

        var details = ui.Render<PriceBookDetails>(p => p.Add(x => x.Id, bookId));
        details.WaitForElement("#vendor-target");
        await details.ChooseAsync<PriceBookDetails, Guid?>("vendor-target", await VendorAsync("Dropbox"));
        details.Type("vendor-rule-percent", "10");
        await details.SubmitAsync("vendor-target");
        Assert.Contains("Override saved.", ui.Notices);
        details.WaitForAssertion(() => Assert.Contains("Dropbox", details.Find("[data-testid=overrides]").TextContent));

        var (standardCost, standardAnnual) = await PlanAsync("Microsoft 365 Business Standard", Term.P1Y, BillingFrequency.Annual, "USD");
        var plan = ui.Render<PlanOverride>(p => p.Add(x => x.Id, bookId).Add(x => x.PlanId, standardAnnual));
        plan.WaitForElement("#plan-fixed-price");
        plan.Type("plan-fixed-price", "150");
        await plan.SubmitAsync("plan-fixed-price");
        plan.WaitForAssertion(() => Assert.Equal("US$150.00", plan.Find("#current-price").TextContent));

        var (dropboxCost, _) = await PlanAsync("Dropbox Business Standard", Term.P1M, BillingFrequency.Monthly, "USD");
        var (defenderCost, _) = await PlanAsync("Microsoft Defender for Business", Term.P1Y, BillingFrequency.Annual, "USD");
        var standardSku = await factory.QueryAsync(db => db.Set<Plan>().Where(p => p.Id == standardAnnual).Select(p => p.Sku).SingleAsync());
        // Each row as what it says: product, SKU and the text of each priced column.
        List<(string Text, string Sku, Dictionary<string, string> Cells)> Preview(string search) =>
            ui.RenderAt<PriceBookPreview>($"/console/price-books/{bookId}/preview?q={Uri.EscapeDataString(search)}", p => p.Add(x => x.Id, bookId)).Rows()
                .Select(r => (r.TextContent, r.QuerySelector("[data-sku]")!.GetAttribute("data-sku")!,
                    new[] { "price", "margin", "margin-percent", "set-by" }.ToDictionary(c => c, c => r.QuerySelector($"td.{c}")!.TextContent.Trim()))).ToList();
        var rows = Preview("Business Standard").Concat(Preview("Defender for Business")).ToList();
        string Cell(string productName, string sku, string column) =>
            rows.First(r => r.Text.Contains(productName) && r.Sku.Contains(sku)).Cells[column];
        Assert.Equal("US$150.00", Cell("Microsoft 365 Business Standard", standardSku, "price"));
        Assert.Equal(Money(150m - standardCost), Cell("Microsoft 365 Business Standard", standardSku, "margin"));
        Assert.Equal(Money(Core.Pricing.Money.Adjust(dropboxCost, 10m)), Cell("Dropbox Business Standard", "P1M", "price"));
        Assert.Contains("Vendor: +10 %", Cell("Dropbox Business Standard", "P1M", "set-by"));
        Assert.Equal(Money(Core.Pricing.Money.Adjust(defenderCost, 15m)), Cell("Microsoft Defender for Business", "P1Y-ANN", "price"));
        Assert.Equal("13 %", Cell("Microsoft Defender for Business", "P1Y-ANN", "margin-percent"));

        var settings = ui.Render<StorefrontSettingsPage>();
        settings.WaitForElement("#storefront-book");
        await settings.ChooseAsync<StorefrontSettingsPage, Guid?>("storefront-book", bookId);
        await settings.SubmitAsync("storefront-book");
        Assert.Contains("Storefront prices saved.", ui.Notices);

        var productId = await factory.QueryAsync(db => db.Set<Product>().Where(p => p.Name == "Microsoft 365 Business Standard").Select(p => p.Id).SingleAsync());
        var storefront = await WaitForAsync(factory.CreatePortalClient(), $"/v2c/products/{productId}?accountName=northwind", page => page.Text.Contains("US$150.00"));
        Assert.Contains("US$150.00", storefront.Document.QuerySelectorAll("tbody tr").First(r => r.TextContent.Contains(standardSku)).TextContent);
        Assert.DoesNotContain("CA$", storefront.Html);
    }

    [Fact]
    public async Task Bad_input_on_the_price_book_forms_is_shown_next_to_the_field_and_nothing_is_saved()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        var before = await factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().CountAsync());

        var page = await NewBookAsync(ui, "", "USD", "1500");
        page.WaitForAssertion(() => Assert.Equal("Give the price book a name.", page.ErrorFor("book-name")));
        // The domain's rule is checked too once the name is there, and what was typed stays.
        page.Type("book-name", "Too much");
        await page.SubmitAsync();
        page.WaitForAssertion(() => Assert.Equal("Use a percentage from 0 to 1000.", page.ErrorFor("book-default-percent")));
        Assert.Equal("1500", page.ValueOf("book-default-percent"));
        var taken = await NewBookAsync(ui, "Web store USD", "USD", "5");
        taken.WaitForAssertion(() => Assert.Equal("You already have a price book with this name.", taken.ErrorFor("book-name")));
        Assert.Equal(before, await factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task The_storefront_book_cannot_be_deleted_and_history_shows_who_changed_what()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        var bookId = await factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().Where(b => b.Name == "Web store USD").Select(b => b.Id).SingleAsync());
        var page = ui.Render<PriceBookDetails>(p => p.Add(x => x.Id, bookId));
        page.WaitForElement("#book-name");

        await ui.PressAndAnswerAsync(page, "Delete price book", "Delete");
        Assert.Contains("This book prices your storefront.", ui.Notices);
        Assert.True(await factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().AnyAsync(b => b.Id == bookId)));

        page.Type("book-default-percent", "17.5");
        await page.SubmitAsync("book-name");
        Assert.Contains("Saved.", ui.Notices);
        page.WaitForAssertion(() => Assert.Contains("17.5", page.Find(".audit-history li").TextContent));
        var latest = page.Find(".audit-history li").TextContent;
        Assert.Contains("Sofía Estrada", latest);
        Assert.Contains("Changed the name or default", latest);
        Assert.Contains("15", latest);
    }

    [Fact]
    public async Task Sales_staff_may_price_but_ops_staff_may_not()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        foreach (var (email, role) in new[] { ("seller@sesdemo.test", PortalRoles.Sales), ("ops@sesdemo.test", PortalRoles.Ops) })
            Assert.True((await ui.Session.RunAsync((Team team) => team.InviteAsync(email, role, role))).IsDone);
        await factory.QueryAsync(async db =>
        {
            var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<PortalUser>();
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

        // In a circuit the services refuse too, whatever a page shows.
        await using var opsUi = await ComponentHarness.AsAsync(factory, "ops@sesdemo.test");
        var refused = await opsUi.Session.RunAsync((PriceBooks books) => books.CreateAsync("Sneaky", PriceBasis.Cost, "USD", 5));
        Assert.Equal(Core.Validation.OutcomeStatus.Forbidden, refused.Status);
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
