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
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("Email").FillAsync("admin@northwind.test");
        await page.GetByLabel("Password").FillAsync(IonPortal.Web.Demo.DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        // A new book: 15 % over cost, in US dollars.
        await BrowserFixture.ConsoleNav(page).GetByRole(AriaRole.Link, new() { Name = "Price books" }).ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, "console-price-books");
        await page.GetByRole(AriaRole.Link, new() { Name = "New price book" }).First.ClickAsync();
        await page.GetByLabel("Name").FillAsync("Journey USD");
        await page.GetByLabel("Distributor cost").CheckAsync();
        await page.GetByLabel("Currency").SelectOptionAsync("USD");
        await page.GetByLabel("Markup or discount").SelectOptionAsync("markup");
        await page.GetByLabel("Percent").FillAsync("15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create price book" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Price book created.");

        // A vendor override: Dropbox at 10 %.
        await page.Locator("#vendor-target").SelectOptionAsync(new SelectOptionValue { Label = "Dropbox" });
        await page.Locator("#vendor-rule-percent").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set vendor override" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Override saved.");
        await BrowserFixture.ScreenshotAsync(page, "console-price-book");

        // A fixed price for one plan, set from the preview.
        await page.GetByRole(AriaRole.Link, new() { Name = "Preview prices" }).ClickAsync();
        await page.GetByLabel("Search by product, SKU, vendor or category").FillAsync("Business Standard");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var annual = page.Locator("tbody tr", new() { HasText = "Microsoft 365 Business Standard" }).Filter(new() { HasText = "billed annually" });
        var sku = (await annual.GetAttributeAsync("data-sku"))!;
        await annual.GetByRole(AriaRole.Link, new() { Name = "Override" }).ClickAsync();
        await page.GetByLabel("Fixed price").FillAsync("150");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set fixed price" }).ClickAsync();
        await Expect(page.Locator("#current-price")).ToHaveTextAsync("US$150.00");
        await BrowserFixture.ScreenshotAsync(page, "console-plan-override");

        // The preview with margins, and the prices to expect on the storefront.
        await page.GetByRole(AriaRole.Link, new() { Name = "Preview" }).Last.ClickAsync();
        await page.GetByLabel("Search by product, SKU, vendor or category").FillAsync("Business Standard");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, "console-price-preview");
        var fixedRow = page.Locator($"tbody tr[data-sku='{sku}']");
        await Expect(fixedRow.Locator("td.price")).ToHaveTextAsync("US$150.00");
        await Expect(fixedRow.Locator("td.set-by")).ToContainTextAsync("Plan: fixed");
        var dropboxRow = page.Locator("tbody tr", new() { HasText = "Dropbox Business Standard" }).Filter(new() { HasText = "billed annually" });
        var dropboxPrice = (await dropboxRow.Locator("td.price").TextContentAsync())!.Trim();
        await Expect(dropboxRow.Locator("td.set-by")).ToContainTextAsync("Vendor: +10 %");
        await Expect(dropboxRow.Locator("td.margin-percent")).ToHaveTextAsync("9.1 %");

        // The book prices the storefront.
        await BrowserFixture.ConsoleNav(page).GetByRole(AriaRole.Link, new() { Name = "Storefront" }).ClickAsync();
        await page.GetByLabel("Price book").SelectOptionAsync(new SelectOptionValue { Label = "Journey USD (USD)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save prices" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Storefront prices saved.");

        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync("/v2c/catalog?accountName=northwind");
        await visitor.GetByLabel("Search").FillAsync("business standard");   // htmx: results follow the typing
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
