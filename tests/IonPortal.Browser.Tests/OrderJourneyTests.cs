using System.Text;
using IonPortal.Core.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IonPortal.Browser.Tests;

/// <summary>
/// From Microsoft's price list to seats: an operator imports the list, then a reseller (and, in its
/// portal, a customer's admin) orders an imported plan, watches it provision at the sandbox, adds
/// seats, removes some inside the cancellation window and schedules a reduction after it.
/// </summary>
public class OrderJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    // These journeys wait on provisioning; on a two-core CI machine running every test project at once, give each step longer.
    private async Task<IPage> NewPageAsync()
    {
        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(45_000);
        return page;
    }

    private const string Header = "ChangeIndicator,ProductTitle,ProductId,SkuId,SkuTitle,Publisher,SkuDescription,UnitOfMeasure,TermDuration,BillingPlan,Market,Currency,UnitPrice,PricingTierRangeMin,PricingTierRangeMax,EffectiveStartDate,EffectiveEndDate,Tags,ERP Price,Segment,PreviousValues";

    private static byte[] PriceList() => Encoding.UTF8.GetBytes(string.Join("\r\n",
    [
        Header,
        "Unchanged,\"Microsoft Loop Workspace\",CFQ7TTC0LOOP,0001,\"Loop Workspace\",Microsoft Corporation,\"Loop pages and workspaces for teams\",1,P1Y,Monthly,CA,CAD,115.20,,,11/01/2025,,License,144.00,Commercial,",
        "Unchanged,\"Microsoft Loop Workspace\",CFQ7TTC0LOOP,0001,\"Loop Workspace\",Microsoft Corporation,\"Loop pages and workspaces for teams\",1,P1M,Monthly,CA,CAD,11.52,,,11/01/2025,,License,14.40,Commercial,",
    ]) + "\r\n");

    private async Task ImportPriceListAsync()
    {
        var page = await NewPageAsync();
        await BrowserFixture.SignInToConsoleAsync(page, IonPortal.Web.Demo.DemoData.OperatorEmail);
        await page.GotoAsync("/admin/catalog/price-list");
        await BrowserFixture.InteractiveAsync(page);
        // The other journey may have imported it already: then the catalog matches it.
        var apply = page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Apply \\d+ changes$") });
        var answered = apply.Or(page.Locator("[data-testid=price-list-unchanged]"));
        // On a loaded machine the file input can be set before its circuit listens: choose the file again if nothing came of it.
        for (var attempt = 0; attempt < 3 && !await answered.IsVisibleAsync(); attempt++)
        {
            await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "prices.csv", MimeType = "text/csv", Buffer = PriceList() });
            try
            {
                await answered.WaitForAsync(new() { Timeout = 15_000 });
            }
            catch (TimeoutException)
            {
            }
        }
        await Expect(answered).ToBeVisibleAsync();
        if (await apply.IsVisibleAsync())
        {
            await apply.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Imported" })).ToBeVisibleAsync();
        }
        await page.CloseAsync();
    }

    // Time passing, in the database: the subscription's seats were bought more than 7 days ago.
    private Task EightDaysLaterAsync(Guid subscription) =>
        app.QueryAsync(db => db.Set<SeatBatch>().Where(b => b.SubscriptionId == subscription)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.AddedAt, b => b.AddedAt.AddDays(-8))));

    private static async Task AddToCartAsync(IPage page, int quantity)
    {
        try
        {
            await Expect(page.GetByLabel("Provider", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 45_000 });
        }
        catch (PlaywrightException)
        {
            await BrowserFixture.ScreenshotAsync(page, "failed-new-order-" + Guid.NewGuid().ToString("N")[..6]);
            await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestResults", "failed-new-order.html"), await page.ContentAsync() + "\n<!-- " + page.Url + " -->");
            throw;
        }
        await BrowserFixture.ChooseAsync(page, page.GetByLabel("Provider", new() { Exact = true }), "Microsoft CSP");
        await page.GetByLabel("Search products").FillAsync("Loop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add Microsoft Loop Workspace, Loop Workspace, 1-year term, billed monthly" }).ClickAsync();
        await Expect(page.Locator("[data-testid=cart-line]")).ToHaveCountAsync(1);
        var field = page.Locator("[data-testid=cart-line]").GetByLabel("Quantity");
        await field.FillAsync(quantity.ToString());
        await field.BlurAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Place order" })).ToBeEnabledAsync();
    }

    /// <summary>From the order page: the order provisions live, then its subscription's seats change.</summary>
    private async Task SeatsAsync(IPage page, string shots)
    {
        await Expect(page.Locator("[data-testid=order-status]")).ToHaveTextAsync("Completed", new() { Timeout = 60_000 });
        await BrowserFixture.ScreenshotAsync(page, $"{shots}-order");
        await page.Locator("[data-testid=order-lines]").GetByRole(AriaRole.Link, new() { Name = "Open the subscription" }).ClickAsync();
        await BrowserFixture.InteractiveAsync(page);
        var seats = page.Locator("[data-testid=seat-count]");
        await Expect(seats).ToHaveTextAsync("5");

        await page.GetByLabel("Seats to add").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add seats" }).ClickAsync();
        await BrowserFixture.ExpectNoticeAsync(page, "Seats added.");
        await Expect(seats).ToHaveTextAsync("8");

        // A new user in the customer's tenant, with a licence.
        await page.GetByLabel("First name").FillAsync("Ana");
        await page.GetByLabel("Last name").FillAsync("Ruiz");
        await page.GetByLabel("User name").FillAsync($"ana.{shots}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the user" }).ClickAsync();
        await Expect(page.Locator("[data-testid=user-created]")).ToContainTextAsync("Ana Ruiz was created");
        // Licences of a plan are pooled across the customer's subscriptions to it (the other journey's too).
        var count = page.Locator("[data-testid=licence-count]");
        var before = System.Text.RegularExpressions.Regex.Match((await count.TextContentAsync())!, @"^(\d+) of (\d+) assigned$");
        Assert.True(before.Success);
        await page.GetByLabel($"Licence for ana.{shots}@fabrikam.test").CheckAsync();
        await BrowserFixture.ExpectNoticeAsync(page, "Ana Ruiz has a licence now.");
        await Expect(count).ToHaveTextAsync($"{int.Parse(before.Groups[1].Value) + 1} of {before.Groups[2].Value} assigned");
        await Expect(page.GetByLabel($"Licence for ana.{shots}@fabrikam.test")).ToBeCheckedAsync();

        // Inside the window: removed now.
        await page.GetByLabel("Seats after the reduction").FillAsync("6");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reduce seats" }).ClickAsync();
        await BrowserFixture.ExpectNoticeAsync(page, "Seats removed.");
        await Expect(seats).ToHaveTextAsync("6");
        await Expect(count).ToHaveTextAsync($"{int.Parse(before.Groups[1].Value) + 1} of {int.Parse(before.Groups[2].Value) - 2} assigned");   // read again
        await BrowserFixture.ScreenshotAsync(page, $"{shots}-subscription");
        await BrowserFixture.ExpectAccessibleAsync(page, $"{shots} subscription");

        // A week later the window has closed: the reduction waits for the renewal.
        var id = Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/').Last());
        await EightDaysLaterAsync(id);
        await page.ReloadAsync();
        await BrowserFixture.InteractiveAsync(page);
        await Expect(page.Locator("[data-testid=seat-batches]")).ToContainTextAsync("Window closed");
        await page.GetByLabel("Seats after the reduction").FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reduce seats" }).ClickAsync();
        await BrowserFixture.ExpectNoticeAsync(page, "Reduction scheduled for the renewal.");
        await Expect(page.Locator("[data-testid=pending-reduction]")).ToContainTextAsync("renews with 4 seats");
        await Expect(seats).ToHaveTextAsync("6");
        Assert.Equal((6, (int?)4), await app.QueryAsync(db => db.Set<Subscription>().IgnoreQueryFilters().Where(s => s.Id == id).Select(s => new { s.Quantity, s.PendingQuantity }).SingleAsync()) is var stored ? (stored.Quantity, stored.PendingQuantity) : default);
        await BrowserFixture.ScreenshotAsync(page, $"{shots}-subscription-pending");
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, $"{shots}-subscription-phone");
        await page.SetViewportSizeAsync(1280, 900);
    }

    [Fact]
    public async Task A_reseller_orders_an_imported_plan_for_a_customer_and_manages_its_seats()
    {
        await ImportPriceListAsync();
        var page = await NewPageAsync();
        await BrowserFixture.SignInToConsoleAsync(page, "admin@northwind.test");
        await BrowserFixture.ConsoleNav(page).GetByRole(AriaRole.Link, new() { Name = "Orders" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Orders", Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New order" }).First.ClickAsync();
        await page.WaitForURLAsync("**/console/orders/new");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New order" })).ToBeVisibleAsync();
        await BrowserFixture.InteractiveAsync(page);

        var customer = page.GetByLabel("Customer", new() { Exact = true });
        await customer.ClickAsync();
        await customer.PressSequentiallyAsync("Fabri", new() { Delay = 50 });
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Fabrikam" }).First.ClickAsync();
        await AddToCartAsync(page, 5);
        await Expect(page.Locator("[data-testid=cart-total]")).ToContainTextAsync("57.60");   // a year at 115.20 cost is 9.60 a month; Fabrikam's book adds 20 %: 11.52, × 5
        await BrowserFixture.ScreenshotAsync(page, "console-new-order");
        await BrowserFixture.ExpectAccessibleAsync(page, "new order");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await SeatsAsync(page, "console");
        await page.GotoAsync("/console/orders");
        await Expect(page.Locator(".mud-table-body tr").Filter(new() { HasText = "Fabrikam" }).First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "console-orders");
    }

    [Fact]
    public async Task A_customers_admin_orders_in_its_portal_and_manages_its_seats()
    {
        await ImportPriceListAsync();
        var page = await NewPageAsync();
        await page.GotoAsync("/v2c/signin?accountName=northwind");
        await BrowserFixture.SignInAsync(page, "buyer@fabrikam.test");
        await page.GetByRole(AriaRole.Link, new() { Name = "Orders" }).ClickAsync();
        // Only once the list runs in its circuit: a click during its start can be overtaken by it.
        await BrowserFixture.InteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "New order" }).ClickAsync();
        await page.WaitForURLAsync("**/v2c/orders/new?**");
        await BrowserFixture.InteractiveAsync(page);

        await AddToCartAsync(page, 5);
        await BrowserFixture.ScreenshotAsync(page, "portal-new-order");
        await BrowserFixture.ExpectAccessibleAsync(page, "portal new order");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await SeatsAsync(page, "portal");
    }

    [Fact]
    public async Task A_customers_admin_requests_a_click_to_run_solution_from_the_storefront()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/v2c/signin?accountName=northwind");
        await BrowserFixture.SignInAsync(page, "buyer@fabrikam.test");
        await page.GetByRole(AriaRole.Link, new() { Name = "Solutions" }).ClickAsync();
        await BrowserFixture.InteractiveAsync(page);
        await Expect(page.Locator("[data-testid=solution]")).ToHaveCountAsync(3);
        await BrowserFixture.ScreenshotAsync(page, "portal-solutions");

        await page.GetByRole(AriaRole.Button, new() { Name = "Request Azure landing zone" }).ClickAsync();
        var environment = page.GetByLabel("Environment name");
        await environment.FillAsync("Not Valid!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request the deployment" }).ClickAsync();
        await Expect(page.GetByText("This value isn't in the expected form: look at the example.")).ToBeVisibleAsync();
        await Expect(environment).ToHaveValueAsync("Not Valid!");
        await environment.FillAsync("fabrikam-dev");
        // The message goes as the value is typed (not on leaving the field, which would move the button under the pointer).
        await Expect(page.GetByText("This value isn't in the expected form: look at the example.")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "portal-solution-request");
        await BrowserFixture.ExpectAccessibleAsync(page, "solutions");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request the deployment" }).ClickAsync();

        await Expect(page.Locator("[data-testid=order-status]")).ToHaveTextAsync("Completed", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=solution-parameters]")).ToContainTextAsync("environment: fabrikam-dev");
        await Expect(page.Locator("[data-testid=deployment]")).ToContainTextAsync("/deployments/c2r-");
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, "portal-solution-order-phone");
    }
}
