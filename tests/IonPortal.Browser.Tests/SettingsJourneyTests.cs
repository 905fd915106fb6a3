using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IonPortal.Browser.Tests;

/// <summary>An owner brands its storefront in Settings: a logo, colours with their contrast and the preview, then sees them on its storefront.</summary>
public class SettingsJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    // A 1×1 PNG.
    private static readonly byte[] Logo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task An_owner_uploads_a_logo_picks_readable_colours_and_its_storefront_wears_them()
    {
        var page = await app.NewPageAsync();
        await BrowserFixture.SignInToConsoleAsync(page, "admin@northwind.test");
        await BrowserFixture.ConsoleNav(page).GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Settings", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.InteractiveAsync(page);

        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = Logo });
        await BrowserFixture.ExpectNoticeAsync(page, "Logo saved.");
        await page.GetByLabel("Accent colour").FillAsync("#808080");
        await Expect(page.Locator("[data-testid=AccentColor-contrast]")).ToContainTextAsync("Hard to read");
        await page.GetByLabel("Accent colour").FillAsync("#7a1fa2");
        await page.GetByLabel("Main colour").FillAsync("#0f5132");
        await Expect(page.Locator("[data-testid=AccentColor-contrast]")).ToContainTextAsync("Readable: white text");
        await Expect(page.Locator(".portal-brand-preview-bar")).ToHaveAttributeAsync("style", new System.Text.RegularExpressions.Regex("#0f5132"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save colours" }).ClickAsync();
        await BrowserFixture.ExpectNoticeAsync(page, "Colours saved.");
        await BrowserFixture.ScreenshotAsync(page, "console-settings");
        await BrowserFixture.ExpectAccessibleAsync(page, "settings");
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, "console-settings-phone");

        // The same page in Spanish.
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync("/culture?culture=es&returnUrl=%2Fconsole%2Fsettings");
        await BrowserFixture.InteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ajustes", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=AccentColor-contrast]")).ToContainTextAsync("Legible: texto blanco");
        await BrowserFixture.ScreenshotAsync(page, "console-settings-es");
        await BrowserFixture.ExpectAccessibleAsync(page, "settings in Spanish");

        var store = await app.NewPageAsync();
        await store.GotoAsync("/v2c/catalog?accountName=northwind");
        // The storefront's theme follows a moment after the save (its cache is evicted by a database notification).
        for (var i = 0; i < 20 && !(await store.ContentAsync()).Contains("rgba(15,81,50,1)", StringComparison.Ordinal); i++)
        {
            await Task.Delay(250);
            await store.ReloadAsync();
        }
        Assert.Contains("--mud-palette-primary: rgba(15,81,50,1)", await store.ContentAsync());   // MudBlazor writes the colour as rgba
        await BrowserFixture.ScreenshotAsync(store, "storefront-rebranded");
    }
}
