using System.Text;
using IonPortal.Core.Billing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IonPortal.Browser.Tests;

/// <summary>
/// Billing from both sides: Northwind's admin uploads a month's daily rated usage file (a bad one
/// first), reads the statement, saves a report, opens it again and exports it as CSV and for
/// Excel; Fabrikam's admin sees its own statements, reports and dashboard, never cost or margin.
/// </summary>
public class BillingJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    // Two months ago: the demo's Azure plan ran all of it, and the demo imported only last month's file.
    private static readonly DateOnly Month = Months.Start(DateTimeOffset.UtcNow).AddMonths(-2);

    private async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var page = await app.NewPageAsync(width: width, height: height);
        page.SetDefaultTimeout(45_000);
        return page;
    }

    private static async Task UploadAsync(IPage page, string name, byte[] content, ILocator answer)
    {
        // On a loaded machine the file input can be set before its circuit listens: choose the file again if nothing came of it.
        for (var attempt = 0; attempt < 3 && !await answer.IsVisibleAsync(); attempt++)
        {
            await page.Locator("input[type=file]").First.SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/csv", Buffer = content });
            try
            {
                await answer.WaitForAsync(new() { Timeout = 20_000 });
            }
            catch (TimeoutException)
            {
            }
        }
        await Expect(answer).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_reseller_imports_usage_reads_the_statement_and_saves_and_exports_a_report_and_the_customer_sees_only_its_own()
    {
        var page = await NewPageAsync();
        await BrowserFixture.SignInToConsoleAsync(page, "admin@northwind.test");

        // The month's file, as Partner Center's billing page (the sandbox's) gives it.
        var file = await page.Context.APIRequest.GetAsync($"/sandbox/partner-center/billing/daily-rated-usage.csv?month={Month:yyyy-MM}&currency=CAD");
        var usage = await file.BodyAsync();
        var broken = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(usage).Replace($"{Month:MM}/03/{Month:yyyy}", "03/33/2026"));

        await page.GotoAsync("/console/billing/usage");
        await BrowserFixture.InteractiveAsync(page);
        await UploadAsync(page, "broken.csv", broken, page.Locator("[data-testid=usage-errors]"));
        await Expect(page.Locator("[data-testid=usage-errors]")).ToContainTextAsync("Write the date as MM/DD/YYYY or YYYY-MM-DD.");
        await Expect(page.GetByText("Nothing was imported.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "billing-usage-errors");
        await UploadAsync(page, $"DailyRatedUsage_{Month:yyyyMM}_CAD.csv", usage, page.Locator("[data-testid=usage-imported]"));
        await Expect(page.Locator("[data-testid=usage-imported]")).ToContainTextAsync("Statements made again for");
        await Expect(page.Locator("[data-testid=usage-imports]")).ToContainTextAsync($"DailyRatedUsage_{Month:yyyyMM}_CAD.csv");
        await BrowserFixture.ExpectAccessibleAsync(page, "usage");
        await BrowserFixture.ScreenshotAsync(page, "billing-usage");

        // The month's statement for Fabrikam: usage priced by its book, with cost and margin.
        await page.GotoAsync($"/console/statements?month={Month:yyyy-MM}");
        await BrowserFixture.InteractiveAsync(page);
        await page.Locator(".mud-table-body a").First.ClickAsync();
        await Expect(page.Locator("[data-testid=statement-usage]")).ToContainTextAsync("D2s v3");
        await Expect(page.Locator("[data-testid=statement-totals]")).ToContainTextAsync("Your cost");
        await BrowserFixture.ExpectAccessibleAsync(page, "statement");
        await BrowserFixture.ScreenshotAsync(page, "billing-statement");
        var statementCsv = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=statement-csv]").ClickAsync());
        Assert.EndsWith($"{Month:yyyy-MM}.csv", statementCsv.SuggestedFilename);

        // A report: the last three months by meter, saved, opened again, exported.
        await page.GotoAsync("/console/reports");
        await BrowserFixture.InteractiveAsync(page);
        await BrowserFixture.ChooseAsync(page, page.GetByLabel("Period"), "Last 3 months");
        await BrowserFixture.ChooseAsync(page, page.GetByLabel("Group by"), "Meter");
        await Expect(page.Locator(".mud-table-body")).ToContainTextAsync("Data Transfer Out");
        await page.GetByLabel("Report name").FillAsync("Azure meters, quarter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the report" }).ClickAsync();
        await BrowserFixture.ExpectNoticeAsync(page, "Report saved");
        await BrowserFixture.ExpectAccessibleAsync(page, "report");
        await BrowserFixture.ScreenshotAsync(page, "billing-report");

        await page.GotoAsync("/console/reports");
        await BrowserFixture.InteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Saved reports" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Azure meters, quarter" }).ClickAsync();
        await BrowserFixture.InteractiveAsync(page);
        await Expect(page.GetByLabel("Report name")).ToHaveValueAsync("Azure meters, quarter");
        await Expect(page.Locator(".mud-table-body")).ToContainTextAsync("Data Transfer Out");
        Assert.Contains("group=Meter", page.Url);

        var csv = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=export-csv]").ClickAsync());
        var csvBytes = await File.ReadAllBytesAsync((await csv.PathAsync())!);
        Assert.Equal(CsvText.ByteOrderMark, csvBytes[..3]);
        Assert.StartsWith("Month,Statement,Customer,Kind,Vendor,Product,Description,Subscription,Meter,UsageMonth,Quantity,Unit,Amount,Currency,Cost,Margin", Encoding.UTF8.GetString(csvBytes[3..]));
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=export-xlsx]").ClickAsync());
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename);
        using (var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open((await xlsx.PathAsync())!, false))
            Assert.Equal("Charges", workbook.WorkbookPart!.WorksheetParts.Single().TableDefinitionParts.Single().Table!.Name!.Value);

        await page.GotoAsync("/console/dashboard");
        await BrowserFixture.InteractiveAsync(page);
        await Expect(page.Locator("[data-testid=dashboard-top-customers]")).ToBeVisibleAsync();
        await BrowserFixture.ExpectAccessibleAsync(page, "dashboard");
        await BrowserFixture.ScreenshotAsync(page, "billing-dashboard");
        await page.GotoAsync("/console/billing/reconciliation");
        await BrowserFixture.InteractiveAsync(page);
        await Expect(page.Locator("[data-testid=reconciliation]")).ToContainTextAsync("Fabrikam");
        await BrowserFixture.ExpectAccessibleAsync(page, "reconciliation");
        await BrowserFixture.ScreenshotAsync(page, "billing-reconciliation");

        // Fabrikam's admin, in its portal, at phone width too: its own statements and reports, no cost or margin.
        foreach (var (width, height, suffix, spanish) in new[] { (1280, 900, "", false), (390, 844, "-phone", false), (1280, 900, "-es", true) })
        {
            var buyer = await NewPageAsync(width, height);
            await buyer.GotoAsync("/v2c/signin?accountName=northwind");
            await BrowserFixture.SignInAsync(buyer, "buyer@fabrikam.test");
            await buyer.GotoAsync(spanish ? "/culture?culture=es&returnUrl=" + Uri.EscapeDataString("/v2c/statements?accountName=northwind") : "/v2c/statements?accountName=northwind");
            await BrowserFixture.InteractiveAsync(buyer);
            await buyer.Locator(".mud-table-body a").First.ClickAsync();
            await Expect(buyer.Locator("[data-testid=statement-totals]")).ToBeVisibleAsync();
            await Expect(buyer.GetByText("Your cost")).ToHaveCountAsync(0);
            await Expect(buyer.GetByText("Margin")).ToHaveCountAsync(0);
            if (spanish)
            {
                await Expect(buyer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Estado de cuenta");
                await Expect(buyer.GetByText("Tu coste")).ToHaveCountAsync(0);
            }
            await BrowserFixture.ExpectAccessibleAsync(buyer, "portal statement" + suffix);
            await BrowserFixture.ScreenshotAsync(buyer, "billing-portal-statement" + suffix);
            await buyer.GotoAsync("/v2c/reports?accountName=northwind&period=Last3Months");
            await BrowserFixture.InteractiveAsync(buyer);
            await Expect(buyer.Locator(".mud-table-body")).ToContainTextAsync("Fabrikam");
            await Expect(buyer.GetByText(spanish ? "Tu coste" : "Your cost")).ToHaveCountAsync(0);
            await BrowserFixture.ExpectAccessibleAsync(buyer, "portal report" + suffix);
            await BrowserFixture.ScreenshotAsync(buyer, "billing-portal-report" + suffix);
            await buyer.GotoAsync("/v2c/dashboard?accountName=northwind");
            await BrowserFixture.InteractiveAsync(buyer);
            await Expect(buyer.Locator("[data-testid=dashboard-months]")).ToBeVisibleAsync();
            await BrowserFixture.ExpectAccessibleAsync(buyer, "portal dashboard" + suffix);
            await BrowserFixture.ScreenshotAsync(buyer, "billing-portal-dashboard" + suffix);
            await buyer.Context.CloseAsync();
        }
    }
}
