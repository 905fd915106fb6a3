using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IonPortal.Browser.Tests;

public class PriceBookJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_reseller_builds_a_price_book_and_the_storefront_shows_exactly_its_prices()
    {
        var page = await app.NewPageAsync();
        await BrowserFixture.SignInToConsoleAsync(page, "admin@northwind.test");

        // A new book: 15 % over cost, in US dollars.
        await BrowserFixture.ConsoleNav(page).GetByRole(AriaRole.Link, new() { Name = "Price books" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Northwind CAD" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "console-price-books");
        await page.GetByRole(AriaRole.Link, new() { Name = "New price book" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New price book" })).ToBeVisibleAsync();
        await page.GetByLabel("Name").FillAsync("Journey USD");
        await page.Locator("label.mud-radio", new() { HasText = "Distributor cost" }).ClickAsync();
        await BrowserFixture.ChooseAsync(page, page.GetByLabel("Currency"), "USD");
        await BrowserFixture.ChooseAsync(page, page.GetByLabel("Markup or discount"), "Markup (above the basis)");
        await page.GetByLabel("Percent").FillAsync("15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create price book" }).ClickAsync();
        await BrowserFixture.ExpectNoticeAsync(page, "Price book created.");

        // A vendor override: Dropbox at 10 %.
        await BrowserFixture.ChooseAsync(page, page.Locator("#vendor-target"), "Dropbox");
        await page.Locator("#vendor-rule-percent").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set vendor override" }).ClickAsync();
        await BrowserFixture.ExpectNoticeAsync(page, "Override saved.");
        await Expect(page.Locator("[data-testid=overrides]")).ToContainTextAsync("Dropbox");
        await BrowserFixture.ScreenshotAsync(page, "console-price-book");
        await BrowserFixture.ExpectAccessibleAsync(page, "price book");

        // A fixed price for one plan, set from the preview (the search runs as you type).
        await page.GetByRole(AriaRole.Link, new() { Name = "Preview prices" }).ClickAsync();
        await page.GetByLabel("Search by product, SKU, vendor or category").FillAsync("Business Standard");
        var annual = page.Locator("tbody tr", new() { HasText = "Microsoft 365 Business Standard" }).Filter(new() { HasText = "billed annually" });
        await Expect(annual).ToHaveCountAsync(1);
        await Expect(page).ToHaveURLAsync(new Regex("q=Business"));
        var sku = (await annual.Locator("[data-sku]").GetAttributeAsync("data-sku"))!;
        await annual.GetByRole(AriaRole.Link, new() { Name = $"Override {sku}" }).ClickAsync();
        await page.GetByLabel("Fixed price").FillAsync("150");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set fixed price" }).ClickAsync();
        await Expect(page.Locator("#current-price")).ToHaveTextAsync("US$150.00");
        await BrowserFixture.ScreenshotAsync(page, "console-plan-override");

        // Back in the preview (its search kept in the breadcrumb's link): margins, and the prices to expect on the storefront.
        await page.GetByRole(AriaRole.Link, new() { Name = "Preview", Exact = true }).ClickAsync();
        await page.GetByLabel("Search by product, SKU, vendor or category").FillAsync("Business Standard");
        var fixedRow = page.Locator("tbody tr", new() { Has = page.Locator($"[data-sku='{sku}']") });
        await Expect(fixedRow.Locator("td.price")).ToHaveTextAsync("US$150.00");
        await Expect(fixedRow.Locator("td.set-by")).ToContainTextAsync("Plan: fixed");
        var dropboxRow = page.Locator("tbody tr", new() { HasText = "Dropbox Business Standard" }).Filter(new() { HasText = "billed annually" });
        await Expect(dropboxRow.Locator("td.set-by")).ToContainTextAsync("Vendor: +10 %");
        await Expect(dropboxRow.Locator("td.margin-percent")).ToHaveTextAsync("9.1 %");
        var dropboxPrice = (await dropboxRow.Locator("td.price").TextContentAsync())!.Trim();
        await BrowserFixture.ScreenshotAsync(page, "console-price-preview");

        // The book prices the storefront.
        await BrowserFixture.ConsoleNav(page).GetByRole(AriaRole.Link, new() { Name = "Storefront" }).ClickAsync();
        await BrowserFixture.ChooseAsync(page, page.GetByLabel("Price book"), "Journey USD (USD)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save prices" }).ClickAsync();
        await BrowserFixture.ExpectNoticeAsync(page, "Storefront prices saved.");

        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync("/v2c/catalog?accountName=northwind");
        await visitor.GetByLabel("Search").FillAsync("business standard");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(visitor.Locator(".product-tile")).ToHaveCountAsync(3);   // Microsoft, Google and Dropbox "Business Standard"
        await Expect(visitor).ToHaveURLAsync(new Regex("q=business"));
        await BrowserFixture.ScreenshotAsync(visitor, "storefront-search");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Microsoft 365 Business Standard" }).ClickAsync();
        await BrowserFixture.ReloadUntilAsync(visitor, visitor.Locator("tbody tr", new() { HasText = sku }).Locator(".plan-price"), "US$150.00");
        await BrowserFixture.ScreenshotAsync(visitor, "storefront-product");
        await visitor.GotoAsync("/v2c/catalog?accountName=northwind&q=dropbox%20business%20standard");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Dropbox Business Standard" }).ClickAsync();
        await BrowserFixture.ReloadUntilAsync(visitor, visitor.Locator("tbody tr", new() { HasText = "billed annually" }).Locator(".plan-price"), dropboxPrice);
    }
}
