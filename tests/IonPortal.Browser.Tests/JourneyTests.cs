using System.Text.RegularExpressions;
using IonPortal.Web.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IonPortal.Browser.Tests;

public class StorefrontBrandingTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("sesdemo", "SES Demo Solutions", "rgb(11, 92, 171)")]
    [InlineData("NorthWind", "Northwind Cloud", "rgb(15, 118, 110)")]
    public async Task Each_storefront_wears_its_resellers_brand(string accountName, string name, string headerColor)
    {
        var page = await app.NewPageAsync();

        await page.GotoAsync($"/v2c/catalog?accountName={accountName}");

        await Expect(page.Locator(".storefront-brand")).ToHaveTextAsync(name);
        await Expect(page.Locator(".storefront-header")).ToHaveCSSAsync("background-color", headerColor);
        var logo = page.Locator(".storefront-brand img");
        await Expect(logo).ToHaveAttributeAsync("alt", $"{name} logo");
        Assert.True(await logo.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the logo image loads");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"storefront-{accountName.ToLowerInvariant()}");
        await BrowserFixture.ExpectAccessibleAsync(page, "storefront catalog");
    }

    [Fact]
    public async Task An_unknown_storefront_shows_a_friendly_not_found_page()
    {
        var page = await app.NewPageAsync();

        var response = await page.GotoAsync("/v2c/catalog?accountName=no-such-reseller");

        Assert.Equal(404, response!.Status);
        // Still right once the page is live: the circuit keeps which link was wrong.
        await BrowserFixture.InteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Storefront not found" })).ToBeVisibleAsync();
        await Expect(page.Locator("body")).ToContainTextAsync("no-such-reseller");
    }

    [Fact]
    public async Task The_storefront_switches_to_Spanish_and_stays_there()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/v2c/catalog?accountName=sesdemo");

        await page.GetByRole(AriaRole.Link, new() { Name = "Español" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Productos en la nube de SES Demo Solutions");
        await BrowserFixture.ScreenshotAsync(page, "storefront-catalog-es");
        await page.GetByRole(AriaRole.Link, new() { Name = "Iniciar sesión" }).ClickAsync();
        await Expect(page.GetByLabel("Correo electrónico")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "storefront-signin-es");
    }

    [Fact]
    public async Task The_storefront_searches_with_its_form_and_works_on_a_phone()
    {
        var page = await app.NewPageAsync(width: 390, height: 844);

        await page.GotoAsync("/v2c/catalog?accountName=sesdemo");
        await page.GetByLabel("Search").FillAsync("acrobat");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();

        await Expect(page.Locator(".product-tile")).ToHaveCountAsync(3);
        await Expect(page).ToHaveURLAsync(new Regex("q=acrobat"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling");
        await BrowserFixture.ScreenshotAsync(page, "storefront-phone");
    }
}

public class SignInJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_reseller_admin_signs_in_uses_the_console_and_signs_out()
    {
        var page = await app.NewPageAsync();

        await page.GotoAsync("/console");
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"));
        await BrowserFixture.ScreenshotAsync(page, "console-signin");
        await BrowserFixture.ExpectAccessibleAsync(page, "sign-in");
        await BrowserFixture.SignInAsync(page, "admin@sesdemo.test");

        await Expect(page).ToHaveURLAsync(new Regex("/console$"));
        await BrowserFixture.InteractiveAsync(page);
        await Expect(page.Locator("header")).ToContainTextAsync("SES Demo Solutions");
        await Expect(page.GetByLabel("White-label storefront")).ToHaveValueAsync(new Regex("/v2c/catalog\\?accountName=sesdemo$"));
        await BrowserFixture.ScreenshotAsync(page, "console-overview");

        // Moving around the console keeps the circuit: no full page load.
        await page.EvaluateAsync("() => window.__samePage = true");
        await BrowserFixture.ConsoleNav(page).GetByRole(AriaRole.Link, new() { Name = "Team" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "admin@sesdemo.test" })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"), "the console navigates inside its circuit");
        await BrowserFixture.ScreenshotAsync(page, "console-team");

        // The audit log: who changed what, newest first, filtered in place.
        await BrowserFixture.ConsoleNav(page).GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Expect(page.Locator(".portal-grid tbody tr td").First).ToBeVisibleAsync();
        await page.GetByLabel("What").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Customer", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/console/audit\\?what=customer$"));
        await Expect(page.Locator(".portal-grid tbody tr").First).ToContainTextAsync("Customer");
        await BrowserFixture.ExpectAccessibleAsync(page, "audit log");
        await BrowserFixture.ScreenshotAsync(page, "console-audit");
        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();   // as a phone opens it: the drawer starts closed
        await Expect(page.Locator(".portal-grid tbody tr td").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "console-audit-phone");
        await page.SetViewportSizeAsync(1280, 900);
        await page.ReloadAsync();
        await BrowserFixture.InteractiveAsync(page);

        // The circuit's life is in the log, with who it was for.
        Assert.Contains(app.Logs, l => l.Category.EndsWith("SessionCircuitHandler", StringComparison.Ordinal) && l.Message.Contains("opened for") && Equals(l.Properties.GetValueOrDefault("Reseller"), "sesdemo"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin$"));
        await page.GotoAsync("/console");
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"));
    }

    [Fact]
    public async Task A_customer_signs_in_to_the_storefront()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/v2c/catalog?accountName=sesdemo");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await BrowserFixture.SignInAsync(page, "buyer@contoso.test");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome back, Carlos Buyer");
        await Expect(page.Locator(".storefront-header")).ToContainTextAsync("Carlos Buyer");
        await BrowserFixture.ScreenshotAsync(page, "storefront-signed-in");
    }

    [Fact]
    public async Task An_operator_sees_the_resellers()
    {
        var page = await app.NewPageAsync();

        await BrowserFixture.SignInToConsoleAsync(page, DemoData.OperatorEmail);

        await Expect(page).ToHaveURLAsync(new Regex("/admin/resellers$"));
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "SES Demo Solutions", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Northwind Cloud", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "admin-resellers");
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_emailed_link()
    {
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync("/account/signin");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        // Sign-in has an Email field too: fill in the one on the new page, not the one leaving.
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Forgot your password?" })).ToBeVisibleAsync();
        await visitor.GetByLabel("Email").FillAsync("admin@northwind.test");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Status)).ToContainTextAsync("we have sent it a link");

        // The operator's development mailbox shows the email and its link.
        var op = await app.NewPageAsync();
        await BrowserFixture.SignInToConsoleAsync(op, DemoData.OperatorEmail);
        await op.GotoAsync("/admin/mailbox?q=admin@northwind.test");
        await BrowserFixture.InteractiveAsync(op);
        var resetLink = op.Locator("a[href*='/account/reset-password']").First;
        await Expect(resetLink).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(op, "admin-mailbox");
        var link = await resetLink.GetAttributeAsync("href");

        await visitor.GotoAsync(link!);
        await visitor.GetByLabel("New password").FillAsync("northwind fresh start");
        await visitor.GetByLabel("Repeat the password").FillAsync("northwind fresh start");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password has been changed.");

        await visitor.GotoAsync(link!);
        await visitor.GetByLabel("New password").FillAsync("second use of link");
        await visitor.GetByLabel("Repeat the password").FillAsync("second use of link");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Alert)).ToContainTextAsync("expired or was already used");

        await visitor.GotoAsync("/account/signin");
        await BrowserFixture.SignInAsync(visitor, "admin@northwind.test", "northwind fresh start");
        await Expect(visitor).ToHaveURLAsync(new Regex("/console$"));
    }
}
