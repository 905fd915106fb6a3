using System.Globalization;
using System.Text.RegularExpressions;
using IonPortal.Core.Catalog;
using IonPortal.Web.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IonPortal.Browser.Tests;

/// <summary>A company signs up on a storefront, is approved (or declined) in the console, and buys at its prices.</summary>
public class CustomerJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string Password = "tailwind-traders-1";

    private async Task SignUpAsync(IPage visitor, string nickname, string email, string company, bool terms)
    {
        await visitor.GotoAsync($"/v2c/signup?accountName={nickname}");
        await visitor.GetByLabel("Company name").FillAsync(company);
        await visitor.GetByLabel("First name").FillAsync("Tess");
        await visitor.GetByLabel("Last name").FillAsync("Wind");
        await visitor.GetByLabel("Email").FillAsync(email);
        await visitor.GetByLabel("Country").SelectOptionAsync("US");
        await visitor.GetByLabel("Street address").FillAsync("1 Market St");
        await visitor.GetByLabel("City").FillAsync("San Francisco");
        await visitor.GetByLabel("State or province").FillAsync("CA");
        await visitor.GetByLabel("Postal code").FillAsync("94105");
        await visitor.GetByLabel("Password").FillAsync(Password);
        if (terms)
            await visitor.GetByLabel("I accept these terms on behalf of my company").CheckAsync();
        await BrowserFixture.ScreenshotAsync(visitor, $"storefront-sign-up-{nickname}");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Sign up", Exact = true }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();

        var mail = await app.LastEmailToAsync(email);
        await visitor.GotoAsync(new Uri(Assert.Single(MailLinks.In(mail!.HtmlBody))).PathAndQuery);
    }

    private static Task SignInToConsoleAsync(IPage page) => BrowserFixture.SignInToConsoleAsync(page, "admin@sesdemo.test");

    private static async Task<int> PendingAsync(IPage page) =>
        int.Parse(Regex.Match((await BrowserFixture.ConsoleNav(page).Locator("[data-testid=pending-count]").TextContentAsync())!, @"\d+").Value, CultureInfo.InvariantCulture);

    private static async Task SignInToStorefrontAsync(IPage page, string nickname, string email)
    {
        await page.GotoAsync($"/v2c/signin?accountName={nickname}");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    [Fact]
    public async Task A_visitor_signs_up_is_approved_with_a_price_book_in_place_and_buys_at_that_books_prices()
    {
        var visitor = await app.NewPageAsync();
        await SignUpAsync(visitor, "sesdemo", "tess@tailwind.test", "Tailwind Traders", terms: true);
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Thanks, your email is confirmed" })).ToBeVisibleAsync();

        var admin = await app.NewPageAsync();
        await SignInToConsoleAsync(admin);
        await BrowserFixture.ConsoleNav(admin).GetByRole(AriaRole.Link, new() { Name = "Approvals" }).ClickAsync();
        await BrowserFixture.ScreenshotAsync(admin, "console-approvals");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Tailwind Traders" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Tailwind Traders" })).ToBeVisibleAsync();
        var url = admin.Url;
        var pendingBefore = await PendingAsync(admin);
        await BrowserFixture.ChooseAsync(admin, admin.GetByLabel("Price book", new() { Exact = true }), "Key accounts USD (USD)");
        await BrowserFixture.ScreenshotAsync(admin, "console-approval-request");
        await BrowserFixture.ExpectAccessibleAsync(admin, "approval request");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();

        // In place: the decision panel, the history and the nav's count change, the page stays.
        await BrowserFixture.ExpectNoticeAsync(admin, "Approved.");
        await Expect(admin.Locator("[data-testid=decision]")).ToContainTextAsync("Approved");
        await Expect(admin.Locator("[data-testid=request-status]")).ToHaveTextAsync("Approved");
        await Expect(admin.Locator("#request-history")).ToContainTextAsync("Approved");
        await Expect(BrowserFixture.ConsoleNav(admin).Locator("[data-testid=pending-count]")).ToContainTextAsync((pendingBefore - 1).ToString(CultureInfo.InvariantCulture));
        Assert.Equal(url, admin.Url);
        await BrowserFixture.ScreenshotAsync(admin, "console-approval-approved");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Open the customer" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Tailwind Traders" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(admin, "console-customer");

        // The new customer signs in and sees the Key accounts book's prices: 8 % over cost.
        var buyer = await app.NewPageAsync();
        await SignInToStorefrontAsync(buyer, "sesdemo", "tess@tailwind.test");
        await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Welcome back, Tess Wind" })).ToBeVisibleAsync();
        await buyer.GotoAsync("/v2c/catalog?accountName=sesdemo&q=Microsoft%20365%20Business%20Standard");
        await buyer.GetByRole(AriaRole.Link, new() { Name = "Microsoft 365 Business Standard" }).First.ClickAsync();
        await Expect(buyer.Locator("[data-testid=provider-access]")).ToContainTextAsync("These are your company's prices.");
        var costs = await app.QueryAsync(db => db.Set<PlanPrice>()
            .Where(p => p.Currency == "USD" && db.Set<Plan>().Any(pl => pl.Id == p.PlanId && pl.RetiredAt == null && pl.Product!.Name == "Microsoft 365 Business Standard"))
            .Select(p => new { Sku = db.Set<Plan>().Where(pl => pl.Id == p.PlanId).Select(pl => pl.Sku).First(), p.Cost })
            .ToListAsync());
        Assert.NotEmpty(costs);
        foreach (var plan in costs)
        {
            var expected = "US$" + Math.Round(plan.Cost * 1.08m, 2, MidpointRounding.AwayFromZero).ToString("#,##0.00", CultureInfo.InvariantCulture);
            await Expect(buyer.Locator("tbody tr", new() { HasText = plan.Sku }).Locator(".plan-price")).ToHaveTextAsync(expected);
        }
        await BrowserFixture.ScreenshotAsync(buyer, "storefront-customer-product");
        await buyer.GetByRole(AriaRole.Link, new() { Name = "Tess Wind" }).ClickAsync();
        await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Tailwind Traders" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(buyer, "storefront-account");
    }

    [Fact]
    public async Task With_auto_approval_the_new_customer_signs_in_right_after_confirming()
    {
        var visitor = await app.NewPageAsync();
        await SignUpAsync(visitor, "northwind", "ines@adatum.test", "Adatum Corporation", terms: false);

        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Your account is ready" })).ToBeVisibleAsync();
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).Last.ClickAsync();
        await visitor.GetByLabel("Email").FillAsync("ines@adatum.test");
        await visitor.GetByLabel("Password").FillAsync(Password);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Welcome back, Tess Wind" })).ToBeVisibleAsync();
        await Expect(visitor.Locator(".product-tile-amount").First).ToContainTextAsync("CA$");
    }

    [Fact]
    public async Task A_decline_with_a_reason_is_made_in_place_and_reaches_the_applicant_by_email()
    {
        var admin = await app.NewPageAsync();
        await SignInToConsoleAsync(admin);
        await admin.GotoAsync("/console/approvals");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Tailspin Toys" }).ClickAsync();

        await BrowserFixture.InteractiveAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Decline", Exact = true }).ClickAsync();
        await Expect(BrowserFixture.MessageFor(admin, "decline-reason")).ToContainTextAsync("Say why");
        await admin.GetByLabel(new Regex("^Reason, emailed to")).FillAsync("We only resell to schools and colleges.");
        await admin.Keyboard.PressAsync("Tab");
        // The message goes once the circuit has the reason; declining before that would still see none.
        await Expect(admin.Locator(".mud-input-control:has(#decline-reason)")).Not.ToContainTextAsync("Say why");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Decline", Exact = true }).ClickAsync();
        // It asks first: a declined request can't be approved later.
        await admin.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();

        await Expect(admin.Locator("[data-testid=decision]")).ToContainTextAsync("We only resell to schools and colleges.");
        var mail = await app.LastEmailToAsync("lena@tailspintoys.test");
        Assert.Equal("Your request to SES Demo Solutions", mail!.Subject);
        Assert.Contains("We only resell to schools and colleges.", mail.TextBody);
    }

    [Fact]
    public async Task The_customer_pages_look_right_on_a_desktop_and_a_phone()
    {
        foreach (var (width, height, suffix) in new[] { (1280, 900, ""), (390, 844, "-phone") })
        {
            var admin = await app.NewPageAsync(width: width, height: height);
            await SignInToConsoleAsync(admin);
            await BrowserFixture.ScreenshotAsync(admin, "console-overview" + suffix);
            if (suffix != "")
            {
                // On a phone the sections sit behind the menu button.
                await admin.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
                await BrowserFixture.ScreenshotAsync(admin, "console-menu" + suffix);
            }
            await BrowserFixture.ConsoleNav(admin).GetByRole(AriaRole.Link, new() { Name = "Customers" }).ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Contoso Ltd" })).ToBeVisibleAsync();
            if (suffix != "")
            {
                // Choosing a section closes the phone menu.
                await Expect(admin.Locator("#portal-drawer")).Not.ToHaveClassAsync(new Regex("mud-drawer--open"));
                await admin.WaitForTimeoutAsync(400);   // its slide-out
            }
            await BrowserFixture.ScreenshotAsync(admin, "console-customers" + suffix);
            if (suffix == "")
                await BrowserFixture.ExpectAccessibleAsync(admin, "customer list");
            // Typing in the search box filters the list in the database, and the address follows.
            await admin.GetByLabel("Search by company, contact, email or domain").FillAsync("no such company");
            await Expect(admin.GetByText("No customer matches")).ToBeVisibleAsync();
            await Expect(admin).ToHaveURLAsync(new Regex("q=no"));
            await admin.GotoAsync("/console/customers/new");
            await BrowserFixture.InteractiveAsync(admin);
            await admin.GetByRole(AriaRole.Button, new() { Name = "Add customer" }).ClickAsync();
            await Expect(BrowserFixture.MessageFor(admin, "customer-company")).ToHaveTextAsync("Enter the company name.");
            await BrowserFixture.ScreenshotAsync(admin, "console-customer-new-errors" + suffix);
            await admin.GotoAsync("/console/storefront/sign-up");
            await BrowserFixture.InteractiveAsync(admin);
            await BrowserFixture.ScreenshotAsync(admin, "console-sign-up-settings" + suffix);
        }
        // The console in Spanish, MudBlazor's own words (pager, menus) included.
        var console = await app.NewPageAsync();
        await SignInToConsoleAsync(console);
        await console.GotoAsync("/culture?culture=es&returnUrl=%2Fconsole%2Fcustomers");
        await BrowserFixture.InteractiveAsync(console);
        await Expect(console.GetByRole(AriaRole.Heading, new() { Name = "Clientes" })).ToBeVisibleAsync();
        await Expect(console.GetByRole(AriaRole.Button, new() { Name = "Página siguiente" })).ToBeVisibleAsync();
        await Expect(console.GetByRole(AriaRole.Link, new() { Name = "Contoso Ltd" })).ToBeVisibleAsync();   // the rows, not "Cargando…"
        await Expect(console.Locator(".portal-grid .mud-chip")).Not.ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(console, "console-customers-es");
        await BrowserFixture.ExpectAccessibleAsync(console, "customer list in Spanish");
        await console.GetByRole(AriaRole.Link, new() { Name = "Registro de auditoría" }).ClickAsync();
        await Expect(console.GetByRole(AriaRole.Heading, new() { Name = "Registro de auditoría" })).ToBeVisibleAsync();
        await Expect(console.Locator(".portal-grid tbody tr td").First).ToBeVisibleAsync();
        await Expect(console.GetByRole(AriaRole.Columnheader, new() { Name = "Quién" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(console, "console-audit-es");

        var spanish = await app.NewPageAsync(locale: "es-ES");
        await spanish.GotoAsync("/v2c/signup?accountName=sesdemo");
        await Expect(spanish.GetByRole(AriaRole.Heading, new() { Name = "Abrir una cuenta" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(spanish, "storefront-sign-up-es");
    }
}
