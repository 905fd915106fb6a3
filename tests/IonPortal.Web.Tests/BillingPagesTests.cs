using System.Net;
using Bunit;
using DocumentFormat.OpenXml.Packaging;
using IonPortal.Core.Accounts;
using IonPortal.Core.Billing;
using IonPortal.Core.Customers;
using IonPortal.Core.MicrosoftTenants;
using IonPortal.Core.Paging;
using IonPortal.Testing;
using IonPortal.Web.Components.Console.Billing;
using IonPortal.Web.Demo;
using IonPortal.Web.Tests.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IonPortal.Web.Tests;

/// <summary>
/// Billing over HTTP and in bUnit: a statement, its CSV and its print page to its reseller and its
/// own customer only (no cost for the customer), the report exports, and a saved report opened again.
/// </summary>
public class BillingPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>, IAsyncLifetime
{
    private static readonly DateOnly LastMonth = Months.Start(DateTimeOffset.UtcNow).AddMonths(-1);
    private const string NorthAdmin = "admin@northwind.test", FabrikamBuyer = "buyer@fabrikam.test";
    private Guid _statement;
    private long _number;

    public async Task InitializeAsync()
    {
        // Northwind's Fabrikam has its Microsoft tenant linked in the demo: a file of last month's usage, and its statements.
        var tenant = await factory.QueryAsync(db => db.Set<MicrosoftTenant>().IgnoreQueryFilters()
            .Where(t => t.TenantId != null).Join(db.Set<Customer>().IgnoreQueryFilters().Where(c => c.CompanyName == DemoData.Northwind.CustomerName), t => t.CustomerId, c => c.Id, (t, c) => t.TenantId)
            .FirstAsync());
        await using var north = await ComponentHarness.AsAsync(factory, NorthAdmin);
        var day = LastMonth.AddDays(4).ToString("MM/dd/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        using var file = UsageFiles.Stream([new(tenant!.Value.ToString(), "azure-1", day, "meter-a", "10", "50.00"), new(tenant.Value.ToString(), "azure-1", day, "meter-b", "1", "5.00", MeterName: "Blob storage")]);
        // Every test sets the same world up: the second time, the file is already in.
        var imported = (await north.Session.RunAsync((UsageImporter importer) => importer.ImportAsync(UsageBatch.FromFile("usage.csv", file)))).Value;
        Assert.True(imported.Imported || imported.AlreadyImported);
        Assert.True((await north.Session.RunAsync((StatementRun run) => run.RunAsync(LastMonth))).IsDone);
        var statement = (await north.Session.RunAsync((Statements statements) => statements.ListAsync(new StatementFilter(LastMonth), new PageRequest()))).Items.Single();
        (_statement, _number) = (statement.Id, statement.Number);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_console_shows_a_statement_its_csv_and_its_print_page_to_its_reseller_only()
    {
        var north = factory.CreatePortalClient();
        await north.SignInToConsoleAsync(NorthAdmin);
        var page = await north.GetAsync($"/console/statements/{_statement}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"Statement {_number}", page.Text);
        Assert.Contains("Your cost", page.Text);
        var csv = await north.Http.GetAsync($"/console/statements/{_statement}/csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal((HttpStatusCode.OK, "text/csv"), (csv.StatusCode, csv.Content.Headers.ContentType!.MediaType));
        Assert.Equal(CsvText.ByteOrderMark, bytes[..3]);
        Assert.EndsWith(",Cost,Margin", System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n")[0]);
        var print = await north.GetAsync($"/console/statements/{_statement}/print");
        Assert.Equal(HttpStatusCode.OK, print.Status);
        Assert.Contains("Not a bill to pay", print.Text);

        var ses = factory.CreatePortalClient();
        await ses.SignInToConsoleAsync("admin@sesdemo.test");
        Assert.Equal(HttpStatusCode.NotFound, (await ses.GetAsync($"/console/statements/{_statement}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ses.Http.GetAsync($"/console/statements/{_statement}/csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ses.GetAsync($"/console/statements/{_statement}/print")).Status);
    }

    [Fact]
    public async Task A_customer_sees_its_own_statement_without_cost_and_never_another_customers()
    {
        var buyer = factory.CreatePortalClient();
        await buyer.SignInToStorefrontAsync(DemoData.Northwind.Nickname, FabrikamBuyer);
        var page = await buyer.GetAsync($"/v2c/statements/{_statement}?accountName=northwind");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"Statement {_number}", page.Text);
        Assert.DoesNotContain("Your cost", page.Text);
        Assert.DoesNotContain("Margin", page.Text);
        var csv = await (await buyer.Http.GetAsync($"/v2c/statements/{_statement}/csv?accountName=northwind")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Cost", csv.Split("\r\n")[0]);
        Assert.Contains("Amount,Currency", csv);

        // Another of Northwind's customers, with its own admin.
        var north = await factory.QueryAsync(db => db.Set<Core.Resellers.Reseller>().FirstAsync(r => r.Nickname == "northwind"));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            new Core.WorkContext(Actor.System("test"), north.Id, north.Nickname).Enter(scope.ServiceProvider);
            var db = scope.ServiceProvider.GetRequiredService<Core.Data.PortalDbContext>();
            var other = new Customer { Id = Guid.CreateVersion7(), ResellerId = north.Id, CompanyName = "Tailspin", ContactEmail = "it@tailspin.test", Status = CustomerStatus.Active, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
            db.Add(other);
            await db.SaveChangesAsync();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var admin = PortalUser.CustomerPerson(north.Id, other.Id, PortalRoles.CustomerAdmin, "admin@tailspin.test", "Tess", DateTimeOffset.UtcNow);
            admin.EmailConfirmed = true;
            Assert.True((await users.CreateAsync(admin, DemoData.Password)).Succeeded);
        }
        var stranger = factory.CreatePortalClient();
        await stranger.SignInToStorefrontAsync(DemoData.Northwind.Nickname, "admin@tailspin.test");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/v2c/statements/{_statement}?accountName=northwind")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/v2c/statements/{_statement}/csv?accountName=northwind")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/v2c/statements/{_statement}/print?accountName=northwind")).Status);

        // Another reseller's customer, in its own storefront, asking for Northwind's statement.
        var contoso = factory.CreatePortalClient();
        await contoso.SignInToStorefrontAsync(DemoData.SesDemo.Nickname, DemoData.SesDemo.BuyerEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await contoso.GetAsync($"/v2c/statements/{_statement}?accountName=sesdemo")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await contoso.Http.GetAsync($"/v2c/statements/{_statement}/csv?accountName=sesdemo")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await contoso.GetAsync($"/v2c/statements/{_statement}/print?accountName=sesdemo")).Status);
        var list = await stranger.GetAsync("/v2c/statements?accountName=northwind");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.DoesNotContain(_number.ToString(), list.Text);
    }

    [Fact]
    public async Task The_report_exports_are_a_csv_with_its_byte_order_mark_and_a_workbook_whose_data_is_a_table()
    {
        var north = factory.CreatePortalClient();
        await north.SignInToConsoleAsync(NorthAdmin);
        var csv = await north.Http.GetAsync("/console/reports/export.csv?period=LastMonth&group=Meter");
        var text = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(CsvText.ByteOrderMark, text[..3]);
        Assert.Contains(",Usage,Microsoft,Azure plan,D2s v3,azure-1,meter-a,", System.Text.Encoding.UTF8.GetString(text));

        var xlsx = await north.Http.GetAsync("/console/reports/export.xlsx?period=LastMonth");
        Assert.Equal(ReportWorkbook.ContentType, xlsx.Content.Headers.ContentType!.MediaType);
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        Assert.Equal("Charges", workbook.WorkbookPart!.WorksheetParts.Single().TableDefinitionParts.Single().Table!.Name!.Value);

        // A customer's export never carries cost; another's junk settings answer a problem, not an error page.
        var buyer = factory.CreatePortalClient();
        await buyer.SignInToStorefrontAsync(DemoData.Northwind.Nickname, FabrikamBuyer);
        var own = await (await buyer.Http.GetAsync("/v2c/reports/export.csv?accountName=northwind&period=LastMonth")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Cost", own.Split("\r\n")[0]);
        Assert.Equal(HttpStatusCode.BadRequest, (await north.Http.GetAsync("/console/reports/export.csv?period=Custom&from=2026-05&to=2026-01")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await north.Http.GetAsync("/console/reports/export.pdf")).StatusCode);
    }

    [Fact]
    public async Task A_report_is_saved_with_its_settings_and_opened_again()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, NorthAdmin);
        var report = ui.RenderAt<Reports>("/console/reports?period=LastMonth&group=Meter");
        report.WaitForAssertion(() => Assert.Contains("Blob storage", report.Markup));
        report.Find("#report-name").Change("");
        await report.Find("form").SubmitAsync();
        report.WaitForAssertion(() => Assert.Contains("Give the report a name.", report.Markup));

        report.Find("#report-name").Change("Meters last month");
        await report.Find("form").SubmitAsync();

        report.WaitForAssertion(() => Assert.Contains("Report saved", ui.Notices));
        var saved = Assert.Single(await ui.Session.RunAsync((SavedReports reports) => reports.ListAsync()));
        Assert.Equal(new ReportSettings(ReportPeriod.LastMonth, GroupBy: ReportGrouping.Meter), ReportSettings.FromJson(saved.Settings));
        var reopened = ui.RenderAt<Reports>($"/console/reports?saved={saved.Id}&period=LastMonth&group=Meter");
        reopened.WaitForAssertion(() =>
        {
            Assert.Equal("Meters last month", reopened.Find("#report-name").GetAttribute("value"));
            Assert.Contains("D2s v3", reopened.Markup);
        });
    }
}

/// <summary>The billing scheduler's round against the provider sandbox: the days of this month that ended, each imported once, and the drafts made.</summary>
public class ProviderUsageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_round_imports_each_ended_day_of_the_providers_usage_once_and_makes_the_drafts()
    {
        var scheduler = factory.Services.GetRequiredService<BillingScheduler>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        await scheduler.RunOnceAsync(CancellationToken.None);
        await scheduler.RunOnceAsync(CancellationToken.None);

        var imports = await factory.QueryAsync(db => db.Set<UsageImport>().IgnoreQueryFilters().Where(i => i.Source == UsageSource.Provider).OrderBy(i => i.FirstUsageDate).ToListAsync());
        // Fabrikam's Azure plan (the demo's) uses three meters a day; billed in its CAD, one import per ended day.
        Assert.Equal(Enumerable.Range(1, today.Day - 1).Select(d => ProviderUsage.Fingerprint("CAD", new DateOnly(today.Year, today.Month, d))), imports.Select(i => i.Fingerprint));
        Assert.All(imports, i => Assert.Equal((i.FirstUsageDate, 0), (i.LastUsageDate, i.UnmatchedRowCount)));
        var month = Months.Start(DateTimeOffset.UtcNow);
        var periods = await factory.QueryAsync(db => db.Set<BillingPeriod>().IgnoreQueryFilters().Where(p => p.Month == month && p.LastRunAt != null).CountAsync());
        Assert.True(periods >= 1, "this month's drafts were made");
        if (today.Day > 1)
        {
            var usage = await factory.QueryAsync(db => db.Set<StatementLine>().IgnoreQueryFilters().Where(l => l.Month == month && l.Kind == StatementLineKind.Usage).SumAsync(l => l.Cost));
            Assert.True(usage > 0);
        }
    }

    [Fact]
    public async Task The_client_follows_the_feeds_pages_to_its_end()
    {
        var client = factory.Services.GetRequiredService<Core.PartnerCenter.PartnerCenterClient>();
        var options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Core.PartnerCenter.PartnerCenterOptions>>().Value;
        var whole = (await client.UnbilledUsageAsync("CAD")).Value;
        options.UsagePageSize = 2;
        try
        {
            var paged = (await client.UnbilledUsageAsync("CAD")).Value;
            // Fabrikam's Azure plan: three meters a day since the first of the month, today included.
            Assert.True(whole.Count >= 3);
            Assert.Equal(whole.Select(l => (l.Row!.UsageDate, l.Row.MeterId, l.Row.Quantity)), paged.Select(l => (l.Row!.UsageDate, l.Row.MeterId, l.Row.Quantity)));
        }
        finally
        {
            options.UsagePageSize = 2000;
        }
    }
}
