using IonPortal.Core.Accounts;
using IonPortal.Core.Billing;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.MicrosoftTenants;
using IonPortal.Core.Paging;
using IonPortal.Core.Resellers;
using IonPortal.Core.Subscriptions;
using IonPortal.Core.SupportPlans;
using IonPortal.Core.Validation;
using IonPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Row = IonPortal.Testing.UsageFiles.Row;

namespace IonPortal.Core.Tests;

/// <summary>Usage imports, rating, proration, statements and their locking, against PostgreSQL, with figures worked out by hand.</summary>
public class BillingTests : IAsyncLifetime
{
    // December 2026 has ended: it can be issued; usage of the last 24 months can be imported.
    private static readonly DateTimeOffset Now = new(2027, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly December = new(2026, 12, 1), January = new(2027, 1, 1);
    private readonly FakeTimeProvider _clock = new(Now);
    private DomainHarness _harness = default!;
    private Reseller _ses = default!;
    private PortalUser _owner = default!;
    private Shop _shop = default!;
    private string _tenantId = "";
    private Subscription _subscription = default!;

    public async Task InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync("billing", _clock);
        _ses = await _harness.AddResellerAsync("ses");
        _owner = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Owner, "owner@ses.test");
        _shop = await Shop.OpenAsync(_harness, _ses.Id, "Contoso", enabledInPortal: true);
        // 10 seats at 12.00 a month (cost 8.00), bought in November; 5 more added on 11 December.
        _subscription = await OrdersTests.SubscribeAsync(_harness, _ses.Id, _shop.Customer, enabledInPortal: true, at: new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
        await using var scope = _harness.Scope(_ses.Id);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var subscription = await db.Set<Subscription>().Include(s => s.Batches).Include(s => s.History).FirstAsync(s => s.Id == _subscription.Id);
        subscription.AddSeats(5, "test", new DateTimeOffset(2026, 12, 11, 10, 0, 0, TimeSpan.Zero));
        // Support: 10 % of the month's charges plus 25.00.
        var plan = new SupportPlan { Id = Guid.CreateVersion7(), Name = "Premier", PercentOfCharges = 10m, FixedMonthlyFee = 25m, Currency = "USD", CreatedAt = Now, UpdatedAt = Now };
        db.Add(plan);
        (await db.Set<Customer>().FirstAsync(c => c.Id == _shop.Customer)).SupportPlanId = plan.Id;
        await db.SaveChangesAsync();
        _tenantId = (await db.Set<MicrosoftTenant>().FirstAsync(t => t.CustomerId == _shop.Customer)).TenantId!.Value.ToString().ToUpperInvariant();
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private AsyncServiceScope As(PortalUser user) => _harness.Scope(_ses.Id, user);

    private async Task<UsageImportResult> ImportAsync(IEnumerable<Row> rows, string name = "usage.csv", PortalUser? user = null)
    {
        await using var scope = As(user ?? _owner);
        using var file = UsageFiles.Stream(rows);
        var outcome = await scope.ServiceProvider.GetRequiredService<UsageImporter>().ImportAsync(UsageBatch.FromFile(name, file));
        return outcome.Value;
    }

    private async Task<Outcome<StatementRunResult>> RunAsync(DateOnly month, bool issue = false)
    {
        await using var scope = As(_owner);
        var run = scope.ServiceProvider.GetRequiredService<StatementRun>();
        return issue ? await run.IssueAsync(month) : await run.RunAsync(month);
    }

    private async Task<StatementView> StatementAsync(DateOnly month, PortalUser? user = null)
    {
        await using var scope = As(user ?? _owner);
        var statements = scope.ServiceProvider.GetRequiredService<Statements>();
        var summary = Assert.Single((await statements.ListAsync(new StatementFilter(month), new PageRequest())).Items);
        return (await statements.FindAsync(summary.Id))!;
    }

    private Row[] DecemberUsage => [
        new(_tenantId, "azure-plan-1", "12/02/2026", "meter-a", "10", "10.00"),
        new(_tenantId, "azure-plan-1", "2026-12-03", "meter-a", "5.555", "5.555"),
        new(_tenantId.ToLowerInvariant(), "AZURE-PLAN-1", "12/04/2026", "meter-b", "1", "2E+00", MeterName: "Blob storage"),
    ];

    [Fact]
    public async Task A_statement_is_its_usage_plus_licences_prorated_by_day_plus_the_support_fee()
    {
        Assert.True((await ImportAsync(DecemberUsage)).Imported);

        var run = await RunAsync(December);

        Assert.True(run.IsDone, run.ToString());
        var statement = await StatementAsync(December);
        var lines = statement.Lines.Select(l => (l.Line.Kind, l.Line.Description, l.Line.Quantity, l.Line.Days, l.Line.Price, l.Cost)).ToList();
        Assert.Equal([
            // 10 seats × 12.00 × 10/31 days, then 15 seats × 12.00 × 21/31 days (cost at 8.00).
            (StatementLineKind.Licence, "Annual, paid monthly", 10m, (int?)10, 38.71m, (decimal?)25.81m),
            (StatementLineKind.Licence, "Annual, paid monthly", 15m, 21, 121.94m, 81.29m),
            // Usage at cost + 20 % (the customer's book): 15.555 → 18.67, 2.00 → 2.40.
            (StatementLineKind.Usage, "Blob storage", 1m, null, 2.40m, 2.00m),
            (StatementLineKind.Usage, "D2s v3", 15.555m, null, 18.67m, 15.56m),
            // 10 % of 181.72 + 25.00.
            (StatementLineKind.Support, "Premier", 1m, null, 43.17m, 0m),
        ], lines);
        var total = Assert.Single(statement.Totals);
        Assert.Equal(("USD", 160.65m, 21.07m, 43.17m, 224.89m), (total.Currency, total.Licences, total.Usage, total.Support, total.Total));
        Assert.Equal(25.81m + 81.29m + 15.56m + 2.00m, total.Cost);
    }

    [Fact]
    public async Task Running_a_month_again_replaces_its_drafts_under_the_same_numbers()
    {
        await ImportAsync(DecemberUsage);
        await RunAsync(December);
        var first = await StatementAsync(December);

        await ImportAsync([new(_tenantId, "azure-plan-1", "12/20/2026", "meter-a", "1", "1.00")], "more.csv");
        await RunAsync(December);

        var second = await StatementAsync(December);
        Assert.Equal(first.Statement.Number, second.Statement.Number);
        Assert.Equal(first.Lines.Count, second.Lines.Count);
        Assert.Equal(224.89m + 1.20m + 0.12m, Assert.Single(second.Totals).Total);
    }

    [Fact]
    public async Task An_issued_month_is_locked_and_usage_arriving_later_goes_to_the_next_statement_as_late()
    {
        await ImportAsync(DecemberUsage);
        Assert.Equal(Problems.BillingMonthNotEnded, (await RunAsync(January, issue: true)).Errors["Month"]);
        Assert.True((await RunAsync(December, issue: true)).IsDone);

        var late = await ImportAsync([new(_tenantId, "azure-plan-1", "12/20/2026", "meter-a", "1", "1.00")], "late.csv");

        Assert.Equal((1, January), (late.Import!.LateRowCount, Assert.Single(late.BillingMonths)));
        Assert.Equal(Problems.BillingMonthIssued, (await RunAsync(December)).Problem);
        Assert.Equal(224.89m, Assert.Single((await StatementAsync(December)).Totals).Total);
        Assert.True((await RunAsync(January)).IsDone);
        var january = await StatementAsync(January);
        var usage = Assert.Single(january.Lines, l => l.Line.Kind == StatementLineKind.Usage).Line;
        Assert.True(usage.IsLate);
        Assert.Equal((December, 1.20m), (usage.UsageMonth!.Value, usage.Price));
        // January's licences: 15 seats for the whole month.
        Assert.Equal(180.00m, Assert.Single(january.Lines, l => l.Line.Kind == StatementLineKind.Licence).Line.Price);
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_rejected_whole_with_each_lines_reason()
    {
        var result = await ImportAsync([
            new(_tenantId, "azure-plan-1", "12/02/2026", "meter-a", "10", "10.00"),
            new(_tenantId, "azure-plan-1", "31/12/2026", "meter-a", "ten", "10.00"),
            new(_tenantId, "", "12/02/2026", "meter-a", "1", "1.00", Currency: "XXX"),
            new(_tenantId, "azure-plan-1", "12/02/2020", "meter-a", "1", "1.00"),
        ]);

        Assert.False(result.Imported);
        Assert.Equal([
            (3, "UsageDate", Problems.UsageDateInvalid), (3, "Quantity", Problems.UsageAmountInvalid),
            (4, "SubscriptionId", Problems.UsageValueRequired), (4, "BillingCurrency", Problems.CurrencyUnsupported),
            (5, "UsageDate", Problems.UsageDateOutOfRange(24)),
        ], result.Errors.Select(e => (e.Line, e.Column, e.Problem)).ToList());
        await using var scope = As(_owner);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(0, await db.Set<UsageRecord>().CountAsync());
        Assert.Equal(0, await db.Set<UsageMonthly>().CountAsync());
        Assert.Equal(0, await db.Set<UsageImport>().CountAsync());
    }

    [Fact]
    public async Task A_file_that_isnt_a_usage_file_says_which_columns_are_missing()
    {
        await using var scope = As(_owner);
        using var file = new MemoryStream("CustomerId,UsageDate\r\nx,12/02/2026\r\n"u8.ToArray());
        var result = (await scope.ServiceProvider.GetRequiredService<UsageImporter>().ImportAsync(UsageBatch.FromFile("prices.csv", file))).Value;
        var error = Assert.Single(result.Errors);
        Assert.Equal((1, Problems.UsageFileColumnsMissing), (error.Line, error.Problem));
        Assert.Contains("BillingPreTaxTotal", error.Column);
    }

    [Fact]
    public async Task The_same_file_twice_imports_once()
    {
        var first = await ImportAsync(DecemberUsage, "usage.csv");
        var again = await ImportAsync(DecemberUsage, "usage (1).csv");

        Assert.Equal(3, first.Import!.RowCount);
        Assert.True(again.AlreadyImported);
        await using var scope = As(_owner);
        Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<UsageRecord>().CountAsync());
    }

    [Fact]
    public async Task Real_exports_quirks_are_read_a_byte_order_mark_LF_quoted_commas_exponents_and_both_date_styles()
    {
        await using var scope = As(_owner);
        using var file = UsageFiles.Stream([new(_tenantId, "azure-plan-1", "2026-12-02T00:00:00Z", "meter-a", "7.10833E-05", "1.5E-03")], byteOrderMark: false, newLine: "\n");
        var lines = UsageFile.Read(file).ToList();
        var row = Assert.Single(lines).Row!;
        Assert.Equal((new DateOnly(2026, 12, 2), 0.0000710833m, 0.0015m, "\"Customer, Inc.\"".Trim('"')), (row.UsageDate, row.Quantity, row.Cost, row.CustomerName));
    }

    [Fact]
    public async Task Usage_of_a_customer_nobody_matched_is_listed_and_billed_once_matched_by_hand()
    {
        var stranger = Guid.NewGuid().ToString();
        var result = await ImportAsync([.. DecemberUsage, new(stranger, "azure-plan-9", "12/05/2026", "meter-a", "3", "30.00", Domain: "stranger.example")]);
        Assert.Equal(1, result.Import!.UnmatchedRowCount);
        await RunAsync(December, issue: true);

        await using (var scope = As(_owner))
        {
            var ledger = scope.ServiceProvider.GetRequiredService<UsageLedger>();
            var unmatched = Assert.Single(await ledger.UnmatchedAsync());
            Assert.Equal((stranger, "stranger.example", 1, 30.00m), (unmatched.ProviderCustomerId, unmatched.CustomerDomain, unmatched.Rows, unmatched.Cost[0].Amount));
            var fabrikam = await _harness.AddCustomerAsync(_ses.Id, "Fabrikam");
            // December is issued: the usage, never billed, goes to January.
            Assert.Equal([January], (await ledger.MatchAsync(stranger.ToUpperInvariant(), fabrikam.Id)).Value);
            Assert.Empty(await ledger.UnmatchedAsync());
            Assert.Equal(OutcomeStatus.NotFound, (await ledger.MatchAsync("nobody", fabrikam.Id)).Status);
        }
        await RunAsync(January);
        await using (var scope = As(_owner))
        {
            var statements = (await scope.ServiceProvider.GetRequiredService<Statements>().ListAsync(new StatementFilter(January), new PageRequest())).Items;
            var fabrikam = Assert.Single(statements, s => s.CustomerName == "Fabrikam");
            // Fabrikam has no Microsoft price book: charged at cost.
            Assert.Equal(30.00m, Assert.Single(fabrikam.Totals).Total);
        }
    }

    [Fact]
    public async Task Another_resellers_or_another_customers_statement_is_not_found_and_a_customer_never_sees_cost()
    {
        await ImportAsync(DecemberUsage);
        await RunAsync(December);
        var id = (await StatementAsync(December)).Statement.Id;
        var admin = await _harness.AddUserAsync(PortalUser.CustomerPerson(_ses.Id, _shop.Customer, PortalRoles.CustomerAdmin, "admin@contoso.test", "Ana", Now));
        var own = await StatementAsync(December, admin);
        Assert.False(own.ShowsCost);
        Assert.All(own.Lines, l => Assert.Null(l.Cost));
        Assert.DoesNotContain("Cost", Statements.Csv(own).Split("\r\n")[0]);
        Assert.Contains("Margin", Statements.Csv(await StatementAsync(December)).Split("\r\n")[0]);

        var north = await _harness.AddResellerAsync("north");
        var northOwner = await _harness.AddStaffAsync(north.Id, PortalRoles.Owner, "owner@north.test");
        var other = await Shop.OpenAsync(_harness, _ses.Id, "Fabrikam", enabledInPortal: true);
        var stranger = await _harness.AddUserAsync(PortalUser.CustomerPerson(_ses.Id, other.Customer, PortalRoles.CustomerAdmin, "admin@fabrikam.test", "Fay", Now));
        foreach (var scope in new[] { _harness.Scope(north.Id, northOwner), _harness.Scope(_ses.Id, stranger) })
        {
            await using var _ = scope;
            var statements = scope.ServiceProvider.GetRequiredService<Statements>();
            Assert.Null(await statements.FindAsync(id));
            Assert.Empty((await statements.ListAsync(new StatementFilter(CustomerId: _shop.Customer), new PageRequest())).Items);
        }
    }

    [Fact]
    public async Task Only_owners_and_admins_import_usage_and_run_statements()
    {
        var sales = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Sales, "sales@ses.test");
        await using var scope = As(sales);
        using var file = UsageFiles.Stream(DecemberUsage);
        Assert.Equal(OutcomeStatus.Forbidden, (await scope.ServiceProvider.GetRequiredService<UsageImporter>().ImportAsync(UsageBatch.FromFile("u.csv", file))).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await scope.ServiceProvider.GetRequiredService<StatementRun>().RunAsync(December)).Status);
    }

    [Fact]
    public async Task A_report_groups_the_periods_charges_with_cost_and_margin_for_the_reseller_only()
    {
        await ImportAsync(DecemberUsage);
        await RunAsync(December);
        var settings = new ReportSettings(ReportPeriod.LastMonth, GroupBy: ReportGrouping.Meter);
        await using (var scope = As(_owner))
        {
            var report = (await scope.ServiceProvider.GetRequiredService<BillingReports>().RunAsync(settings, new PageRequest())).Value;
            Assert.Equal((December, December), (report.From, report.To));
            Assert.Equal([("meter-a", "D2s v3", 18.67m, (decimal?)15.56m, (decimal?)3.11m), ("meter-b", "Blob storage", 2.40m, 2.00m, 0.40m)],
                report.Rows.Items.Select(r => (r.Key, r.Label, r.Price, r.Cost, r.Margin)).ToList());
            var total = Assert.Single(report.Totals);
            Assert.Equal((224.89m, (decimal?)124.66m, (decimal?)100.23m), (total.Price, total.Cost, total.Margin));

            var byKind = (await scope.ServiceProvider.GetRequiredService<BillingReports>().RunAsync(settings with { GroupBy = ReportGrouping.Product, Kind = StatementLineKind.Licence }, new PageRequest())).Value;
            Assert.Equal(("Microsoft 365 Business Standard", 160.65m), (Assert.Single(byKind.Rows.Items).Label, byKind.Rows.Items[0].Price));
            var choices = await scope.ServiceProvider.GetRequiredService<BillingReports>().ChoicesAsync(settings);
            Assert.Equal([new ReportChoice("meter-b", "Blob storage"), new ReportChoice("meter-a", "D2s v3")], choices.Meters);
            Assert.Contains(choices.Subscriptions, c => c.Key == "azure-plan-1" && c.Label == "Contoso · Azure plan");
            Assert.Equal(["Microsoft", "MSFT"], choices.Vendors);
            var oneMeter = (await scope.ServiceProvider.GetRequiredService<BillingReports>().RunAsync(settings with { GroupBy = ReportGrouping.Customer, Meter = "meter-b" }, new PageRequest())).Value;
            Assert.Equal(2.40m, Assert.Single(oneMeter.Totals).Price);
            var oneSubscription = (await scope.ServiceProvider.GetRequiredService<BillingReports>().RunAsync(settings with { GroupBy = ReportGrouping.Month, Subscription = "azure-plan-1" }, new PageRequest())).Value;
            Assert.Equal(("2026-12", 21.07m), (Assert.Single(oneSubscription.Rows.Items).Key, oneSubscription.Rows.Items[0].Price));
            Assert.Equal(Problems.ReportPeriodInvalid, (await scope.ServiceProvider.GetRequiredService<BillingReports>()
                .RunAsync(new ReportSettings(ReportPeriod.Custom, January, December), new PageRequest())).Errors["To"]);
        }
        var admin = await _harness.AddUserAsync(PortalUser.CustomerPerson(_ses.Id, _shop.Customer, PortalRoles.CustomerAdmin, "admin@contoso.test", "Ana", Now));
        await using (var scope = As(admin))
        {
            var report = (await scope.ServiceProvider.GetRequiredService<BillingReports>().RunAsync(settings with { GroupBy = ReportGrouping.Customer }, new PageRequest(Sort: "cost", Descending: true))).Value;
            var row = Assert.Single(report.Rows.Items);
            Assert.Equal(("Contoso", 224.89m, (decimal?)null, (decimal?)null), (row.Label, row.Price, row.Cost, row.Margin));
            Assert.False(report.ShowsCost);
            var lines = (await scope.ServiceProvider.GetRequiredService<BillingReports>().LinesAsync(settings)).Value;
            Assert.False(lines.ShowsCost);
            Assert.All(lines.Lines, l => Assert.Null(l.Cost));
            Assert.DoesNotContain("Cost", BillingReports.Csv(lines));
        }
    }

    [Fact]
    public async Task A_saved_report_opens_again_with_its_settings_for_its_owner_only()
    {
        var settings = new ReportSettings(ReportPeriod.Custom, new DateOnly(2026, 10, 1), December, ReportGrouping.Vendor, Vendor: "MSFT", Kind: StatementLineKind.Usage);
        Guid id;
        await using (var scope = As(_owner))
        {
            var reports = scope.ServiceProvider.GetRequiredService<SavedReports>();
            Assert.Equal(Problems.ReportNameRequired, (await reports.SaveAsync(null, "  ", settings)).Errors["Name"]);
            id = (await reports.SaveAsync(null, "Azure by vendor", settings)).Value.Id;
            Assert.Equal(Problems.ReportNameTaken, (await reports.SaveAsync(null, "Azure by vendor", new ReportSettings())).Errors["Name"]);
            var reopened = await reports.FindAsync(id);
            Assert.Equal(settings, ReportSettings.FromJson(reopened!.Settings));
            Assert.Equal("Azure by vendor", Assert.Single(await reports.ListAsync()).Name);
        }
        var admin = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Admin, "admin@ses.test");
        await using (var scope = As(admin))
        {
            var reports = scope.ServiceProvider.GetRequiredService<SavedReports>();
            Assert.Null(await reports.FindAsync(id));
            Assert.Empty(await reports.ListAsync());
            Assert.Equal(OutcomeStatus.NotFound, (await reports.SaveAsync(id, "Mine now", settings)).Status);
            Assert.Equal(OutcomeStatus.NotFound, (await reports.DeleteAsync(id)).Status);
        }
    }

    [Fact]
    public async Task The_exports_open_in_LibreOffice_with_the_reports_lines_and_unformatted_numbers()
    {
        await ImportAsync(DecemberUsage);
        await RunAsync(December);
        await using var scope = As(_owner);
        var report = (await scope.ServiceProvider.GetRequiredService<BillingReports>().LinesAsync(new ReportSettings(ReportPeriod.LastMonth))).Value;
        var lines = report.Lines;
        var folder = Directory.CreateTempSubdirectory("ionportal-export-");
        try
        {
            var csvPath = Path.Combine(folder.FullName, "report.csv");
            await File.WriteAllBytesAsync(csvPath, CsvText.File(BillingReports.Csv(report)));
            var xlsxPath = Path.Combine(folder.FullName, "report.xlsx");
            await using (var file = File.Create(xlsxPath))
                ReportWorkbook.Write(file, "Charges", BillingReports.Header(true), lines.Select(l => BillingReports.Cells(l, true)));

            Assert.Equal(CsvText.ByteOrderMark, (await File.ReadAllBytesAsync(csvPath))[..3]);
            // LibreOffice reads each back: the CSV into a spreadsheet, the workbook out to CSV.
            var fromCsv = await LibreOffice.ConvertAsync(csvPath, "xlsx", folder.FullName + "/csv");
            var fromXlsx = await LibreOffice.ConvertAsync(xlsxPath, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false", folder.FullName + "/xlsx");
            Assert.True(new FileInfo(fromCsv).Length > 0);
            var rows = (await File.ReadAllTextAsync(fromXlsx)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.TrimEnd('\r')).ToList();
            Assert.Equal(string.Join(",", BillingReports.Header(true)), rows[0]);
            Assert.Equal(1 + lines.Count, rows.Count);
            // The month is a real date to LibreOffice (written back in its default date style), the amounts plain numbers.
            Assert.Contains(rows, r => r.StartsWith("12/01/2026,100001,Contoso,Licence,", StringComparison.Ordinal) && r.EndsWith(",121.94,USD,81.29,40.65", StringComparison.Ordinal));
            // The workbook's data is an Excel table, ready to pivot.
            using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(xlsxPath, false);
            var table = workbook.WorkbookPart!.WorksheetParts.Single().TableDefinitionParts.Single().Table!;
            Assert.Equal(("Charges", $"A1:P{lines.Count + 1}"), (table.Name!.Value, table.Reference!.Value));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Reconciliation_sets_the_imported_cost_against_the_statement_with_each_cause()
    {
        var stranger = Guid.NewGuid().ToString();
        await ImportAsync([.. DecemberUsage, new(stranger, "azure-plan-9", "12/05/2026", "meter-a", "3", "30.00")]);
        await RunAsync(December, issue: true);
        await ImportAsync([new(_tenantId, "azure-plan-1", "12/20/2026", "meter-a", "1", "1.00")], "late.csv");
        await ImportAsync([new(_tenantId, "azure-plan-1", "01/02/2027", "meter-a", "1", "4.00")], "january.csv");

        await using var scope = As(_owner);
        var rows = await scope.ServiceProvider.GetRequiredService<Reconciliation>().ForAsync(December, January);

        // January: imported, not run yet.
        var january = Assert.Single(rows, r => r.Month == January);
        Assert.Equal((4.00m, 0m, 4.00m, 4.00m), (january.Imported, january.OnStatement, january.Variance, january.NotYetRun));
        // December: 17.555 billed (17.56 after rounding) and 1.00 that came late; 30.00 nobody matched.
        var contoso = Assert.Single(rows, r => r.Month == December && r.CustomerId == _shop.Customer);
        Assert.Equal(("Contoso", 18.555m, 17.56m, 1.00m, 1.00m, 0m), (contoso.Customer, contoso.Imported, contoso.OnStatement, contoso.Variance, contoso.Late, contoso.NotYetRun));
        Assert.Equal(21.07m, contoso.Charged);
        var unmatched = Assert.Single(rows, r => r.Month == December && r.CustomerId is null);
        Assert.Equal((30.00m, 30.00m, 30.00m), (unmatched.Imported, unmatched.Unmatched, unmatched.Variance));
    }

    [Fact]
    public async Task The_dashboards_show_this_months_charges_against_last_months_and_a_customer_only_its_own()
    {
        await ImportAsync(DecemberUsage);
        await RunAsync(December);
        await RunAsync(January);
        await using (var scope = As(_owner))
        {
            var dashboard = (await scope.ServiceProvider.GetRequiredService<Dashboards>().ForResellerAsync(new DashboardFilter()))!;
            // January: 15 seats × 12.00, and the support fee of 10 % + 25.00.
            Assert.Equal(("USD", 223.00m, 224.89m, (decimal?)-0.8m), (dashboard.Currency, dashboard.ThisMonth, dashboard.LastMonth, dashboard.ChangePercent));
            Assert.Equal((1, 15), (dashboard.ActiveSubscriptions, dashboard.Seats));
            Assert.Equal([new NamedAmount("Contoso", 223.00m)], dashboard.TopCustomers);
            Assert.Equal(12, dashboard.MonthsShown.Count);
            Assert.Equal([(December, "Microsoft", 21.07m), (December, "MSFT", 160.65m), (January, "MSFT", 180.00m)],
                dashboard.SpendByVendor.Select(p => (p.Month, p.Series, p.Value)).ToList());
            Assert.Equal(2, dashboard.MarginPercent.Count);
            var filtered = (await scope.ServiceProvider.GetRequiredService<Dashboards>().ForResellerAsync(new DashboardFilter(3, "Microsoft")))!;
            Assert.Equal((0m, 21.07m, 3), (filtered.ThisMonth, filtered.LastMonth, filtered.MonthsShown.Count));
            Assert.Null(await scope.ServiceProvider.GetRequiredService<Dashboards>().ForCustomerAsync(new DashboardFilter()));
        }
        var admin = await _harness.AddUserAsync(PortalUser.CustomerPerson(_ses.Id, _shop.Customer, PortalRoles.CustomerAdmin, "admin@contoso.test", "Ana", Now));
        await using (var scope = As(admin))
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<Dashboards>().ForResellerAsync(new DashboardFilter()));
            // Partner Center's retries wait on the test's clock: it moves on until the dashboard has its answer.
            var asking = scope.ServiceProvider.GetRequiredService<Dashboards>().ForCustomerAsync(new DashboardFilter());
            while (!asking.IsCompleted)
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(10);
            }
            var own = (await asking)!;
            Assert.Equal([(December, 224.89m), (January, 223.00m)], own.SpendByMonth.Select(p => (p.Month, p.Value)).ToList());
            Assert.Equal((1, 15), (own.ActiveSubscriptions, own.Seats.Single().Purchased));
            // The domain tests' Partner Center is closed: the assigned seats are unknown, not zero.
            Assert.False(own.SeatsAssignedKnown);
            Assert.Null(own.Seats.Single().Assigned);
        }
    }
}
