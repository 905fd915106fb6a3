using System.Text;
using IonPortal.Core.Accounts;
using IonPortal.Core.Catalog;
using IonPortal.Core.Catalog.PriceLists;
using IonPortal.Core.Data;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IonPortal.Core.Tests;

/// <summary>Partner Center's new-commerce price list: read as real exports come, refused whole when rows are bad, imported into the catalog, and idempotent.</summary>
public class PriceListImportTests
{
    private const string Header = "ChangeIndicator,ProductTitle,ProductId,SkuId,SkuTitle,Publisher,SkuDescription,UnitOfMeasure,TermDuration,BillingPlan,Market,Currency,UnitPrice,PricingTierRangeMin,PricingTierRangeMax,EffectiveStartDate,EffectiveEndDate,Tags,ERP Price,Segment,PreviousValues";

    private static string Row(string product, string productId, string sku, string term, string billing, string cost, string erp, string segment = "Commercial", string currency = "USD",
        string skuTitle = "", string tierMin = "", string start = "11/01/2025") =>
        $"Unchanged,\"{product}\",{productId},{sku},\"{(skuTitle.Length > 0 ? skuTitle : product)}\",Microsoft Corporation,\"{product}, for business\",1,{term},{billing},US,{currency},{cost},{tierMin},,{start},,License,{erp},{segment},";

    private static PriceListFile Read(params string[] rows) => Read(Encoding.UTF8.GetPreamble(), "\r\n", rows);

    private static PriceListFile Read(byte[] preamble, string newline, params string[] rows)
    {
        var text = string.Join(newline, [Header, .. rows]) + newline;
        return PriceListFile.Read(new MemoryStream([.. preamble, .. Encoding.UTF8.GetBytes(text)]));
    }

    private static readonly string[] November =
    [
        Row("Microsoft 365 Business Basic", "CFQ7TTC0LH18", "0001", "P1M", "Monthly", "7.20", "7.20"),
        Row("Microsoft 365 Business Basic", "CFQ7TTC0LH18", "0001", "P1Y", "Monthly", "72.00", "72.00"),
        Row("Microsoft 365 Business Basic", "CFQ7TTC0LH18", "0001", "P1Y", "Annual", "72.00", "72.00"),
        Row("Microsoft 365 Business Basic", "CFQ7TTC0LH18", "0001", "P1Y", "Monthly", "60.00", "60.00", segment: "Education"),
        Row("Microsoft 365 E3", "CFQ7TTC0LFLX", "1", "P3Y", "Annual", "1.296E+03", "1296", skuTitle: "Microsoft 365 E3 (no Teams)"),
        Row("Microsoft 365 E3", "CFQ7TTC0LFLX", "1", "P3Y", "Triennial", "1296", "1296", skuTitle: "Microsoft 365 E3 (no Teams)", start: "2025-11-01"),
        Row("Defender for Endpoint P1", "CFQ7TTC0MLFG", "0002", "P1Y", "Annual", "36", "36", tierMin: "1"),
        Row("Defender for Endpoint P1", "CFQ7TTC0MLFG", "0002", "P1Y", "Annual", "30", "30", tierMin: "500"),
    ];

    [Fact]
    public void The_file_is_read_as_real_exports_come()
    {
        var withBom = Read(November);
        var plainLf = Read([], "\n", November);

        Assert.True(withBom.IsValid, string.Join("; ", withBom.Errors));
        Assert.Equal(withBom.Rows, plainLf.Rows);
        Assert.Equal("USD", withBom.Currency);
        var e3 = withBom.Rows.Single(r => r.Billing == BillingFrequency.Annual && r.ProductId == "CFQ7TTC0LFLX");
        Assert.Equal(("0001", 1296m, "Microsoft 365 E3 (no Teams)"), (e3.SkuId, e3.UnitPrice, e3.SkuTitle));   // leading zeros restored, exponent read, quotes and commas kept
        Assert.Equal(6, e3.Line);   // line numbers count the header as line 1
    }

    [Fact]
    public void A_file_with_bad_rows_is_refused_whole_with_each_line_and_reason()
    {
        var file = Read(
            Row("A", "CFQ7TTC0AAAA", "0001", "P2Y", "Monthly", "1", "1"),
            Row("B", "CFQ7TTC0BBBB", "0001", "P1M", "Annual", "1", "1"),
            Row("C", "CFQ7TTC0CCCC", "0001", "P1Y", "Monthly", "-3", "abc"),
            Row("D", "CFQ7TTC0DDDD", "0001", "P1Y", "Monthly", "1", "1", currency: "CAD"),
            Row("E", "CFQ7TTC0EEEE", "0001", "P1Y", "Monthly", "1", "1", start: "31/31/2025"),
            Row("F", "CFQ7TTC0FFFF", "0001", "P1Y", "Monthly", "1", "1"),
            Row("F", "CFQ7TTC0FFFF", "1", "P1Y", "Monthly", "2", "2"));

        Assert.False(file.IsValid);
        Assert.Equal(
            [(2, "TermDuration", Problems.PriceListTermInvalid), (3, "BillingPlan", Problems.PriceListBillingOutsideTerm), (4, "UnitPrice", Problems.PriceListAmountInvalid),
             (4, "ERP Price", Problems.PriceListAmountInvalid), (5, "Currency", Problems.PriceListCurrencyMixed), (6, "EffectiveStartDate", Problems.PriceListDateInvalid),
             (8, "SkuId", Problems.PriceListRowRepeated(7))],
            file.Errors.Select(e => (e.Line, e.Column, e.Problem)));
        Assert.Equal(Problems.PriceListColumnsMissing, PriceListFile.Read(new MemoryStream("ProductTitle,ProductId\r\nA,B\r\n"u8.ToArray())).Errors.Single().Problem);
    }

    [Fact]
    public async Task The_import_creates_prices_per_charge_retires_what_left_restores_what_came_back_and_the_same_file_twice_changes_nothing()
    {
        await using var harness = await DomainHarness.CreateAsync("price-list");
        var op = await harness.AddUserAsync(PortalUser.Operator("op@platform.test", "Op", DateTimeOffset.UtcNow));
        async Task<Outcome<PriceListChanges>> RunAsync(PriceListFile file, bool apply)
        {
            await using var scope = harness.Scope(null, op);
            var import = scope.ServiceProvider.GetRequiredService<PriceListImport>();
            return apply ? await import.ApplyAsync(file) : await import.PreviewAsync(file);
        }
        async Task<List<Plan>> PlansAsync()
        {
            await using var scope = harness.Scope();
            return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<Plan>().AsNoTracking().Include(p => p.Prices).Include(p => p.Product).OrderBy(p => p.Sku).ToListAsync();
        }

        var preview = await RunAsync(Read(November), apply: false);
        Assert.Empty(await PlansAsync());   // a preview changes nothing
        var first = await RunAsync(Read(November), apply: true);
        var plans = await PlansAsync();
        var again = await RunAsync(Read(November), apply: true);

        Assert.Equal(3, preview.Value.Count(PriceListChangeKind.ProductAdded));
        Assert.Equal(6, preview.Value.Count(PriceListChangeKind.PlanAdded));
        Assert.Equal(2, preview.Value.RowsLeftOut);   // the Education row and the 500-seat tier
        Assert.Equal(preview.Value.Changes, first.Value.Changes);
        decimal Charge(string sku) => plans.Single(p => p.Sku == sku).Prices.Single(p => p.Currency == "USD").Cost;
        Assert.Equal(7.20m, Charge("CFQ7TTC0LH18:0001:P1M:Monthly"));
        Assert.Equal(6.00m, Charge("CFQ7TTC0LH18:0001:P1Y:Monthly"));      // a year's price in twelve charges
        Assert.Equal(72.00m, Charge("CFQ7TTC0LH18:0001:P1Y:Annual"));
        Assert.Equal(432.00m, Charge("CFQ7TTC0LFLX:0001:P3Y:Annual"));      // three years in three charges
        Assert.Equal(1296.00m, Charge("CFQ7TTC0LFLX:0001:P3Y:Triennial"));
        Assert.Equal(36.00m, Charge("CFQ7TTC0MLFG:0002:P1Y:Annual"));       // the first price tier
        Assert.True(again.Value.ChangesNothing, string.Join("; ", again.Value.Changes));

        // December: Basic's price rises, Defender leaves the list; January: it comes back.
        var december = November.Where(r => !r.Contains("Defender")).Select(r => r.Replace(",72.00,", ",75.00,")).ToArray();
        var changed = await RunAsync(Read(december), apply: true);
        var january = await RunAsync(Read(November), apply: true);
        var after = await PlansAsync();

        Assert.Equal(2, changed.Value.Count(PriceListChangeKind.PriceChanged));
        Assert.Equal(1, changed.Value.Count(PriceListChangeKind.ProductRetired));
        Assert.Equal(1, january.Value.Count(PriceListChangeKind.ProductRestored));
        Assert.All(after, p => Assert.Null(p.RetiredAt));
        Assert.Equal(6.00m, after.Single(p => p.Sku == "CFQ7TTC0LH18:0001:P1Y:Monthly").Prices.Single().Cost);
    }

    [Fact]
    public async Task A_product_made_by_hand_under_the_listed_name_becomes_the_listed_one_and_staff_may_not_import()
    {
        await using var harness = await DomainHarness.CreateAsync("price-list-adopt");
        var catalog = new TestCatalog();
        await catalog.AddToAsync(harness);
        var op = await harness.AddUserAsync(PortalUser.Operator("op@platform.test", "Op", DateTimeOffset.UtcNow));
        var ses = await harness.AddResellerAsync("ses");
        var owner = await harness.AddStaffAsync(ses.Id, PortalRoles.Owner, "owner@ses.test");

        await using (var staff = harness.Scope(ses.Id, owner))
            Assert.Equal(OutcomeStatus.Forbidden, (await staff.ServiceProvider.GetRequiredService<PriceListImport>().PreviewAsync(Read(November))).Status);
        await using (var scope = harness.Scope(null, op))
        {
            var file = Read(Row("Defender for Endpoint P1", "CFQ7TTC0MLFG", "0002", "P1Y", "Annual", "36", "36"));
            var changes = (await scope.ServiceProvider.GetRequiredService<PriceListImport>().ApplyAsync(file)).Value;
            Assert.Equal(0, changes.Count(PriceListChangeKind.ProductAdded));
            Assert.Equal(1, changes.Count(PriceListChangeKind.PlanAdded));
            Assert.Equal(1, changes.Count(PriceListChangeKind.PlanRetired));   // the hand-made plan isn't on the list
        }
        await using var check = harness.Scope();
        var defender = await check.ServiceProvider.GetRequiredService<PortalDbContext>().Set<Product>().Include(p => p.Plans).SingleAsync(p => p.Id == catalog.Defender);
        Assert.Equal("CFQ7TTC0MLFG", defender.ExternalId);
        Assert.Equal(2, defender.Plans.Count);
    }
}
