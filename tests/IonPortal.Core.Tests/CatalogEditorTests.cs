using IonPortal.Core.Catalog;
using IonPortal.Core.Data;
using IonPortal.Core.Paging;
using IonPortal.Core.Pricing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IonPortal.Core.Tests;

public class CatalogEditorTests : IAsyncLifetime
{
    private DomainHarness _harness = default!;
    private readonly TestCatalog _catalog = new();

    public async Task InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync("catalog_editor");
        await _catalog.AddToAsync(_harness);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static PlanDraft Draft(string sku, params PriceDraft[] prices) => new(sku, "Annual", Term.P1Y, BillingFrequency.Annual, "user", prices);

    [Fact]
    public async Task A_plan_is_priced_per_currency_and_both_amounts_are_required()
    {
        await using var scope = _harness.Scope();
        var editor = scope.ServiceProvider.GetRequiredService<CatalogEditor>();

        var incomplete = await editor.SavePlanAsync(_catalog.Acrobat, null, Draft("adb-std", new PriceDraft("USD", 10m, null)));
        var none = await editor.SavePlanAsync(_catalog.Acrobat, null, Draft("adb-std"));
        var taken = await editor.SavePlanAsync(_catalog.Acrobat, null, Draft("cfq7-off-a", new PriceDraft("USD", 1m, 2m)));
        var bad = await editor.SavePlanAsync(_catalog.Acrobat, null, Draft("x", new PriceDraft("USD", -1m, 2m)));
        var saved = await editor.SavePlanAsync(_catalog.Acrobat, null, Draft("adb-std", new PriceDraft("USD", 100.005m, 129.99m), new PriceDraft("EUR", 92m, 119m)));

        Assert.Equal(Problems.PriceIncomplete, incomplete.Errors["Prices.USD"]);
        Assert.Equal(Problems.PricesRequired, none.Errors["Prices"]);
        Assert.Equal(Problems.SkuTaken, taken.Errors["Sku"]);
        Assert.Equal(Problems.SkuInvalid, bad.Errors["Sku"]);
        Assert.Equal(Problems.PriceNegative, bad.Errors["Prices.USD"]);
        Assert.Equal("ADB-STD", saved.Value!.Sku);
        var plan = (await editor.FindPlanAsync(saved.Value.Id))!.Value.Plan;
        Assert.Equal([("EUR", 92m, 119m), ("USD", 100.01m, 129.99m)], plan.Prices.OrderBy(p => p.Currency).Select(p => (p.Currency, p.Cost, p.ListPrice)));
    }

    [Fact]
    public async Task Clearing_a_currency_stops_selling_the_plan_in_it()
    {
        await using var scope = _harness.Scope();
        var editor = scope.ServiceProvider.GetRequiredService<CatalogEditor>();

        var result = await editor.SavePlanAsync(_catalog.Office, _catalog.OfficeMonthly,
            new PlanDraft("CFQ7-OFF-M", "Monthly", Term.P1M, BillingFrequency.Monthly, "user", [new("USD", 12.50m, 15m), new("CAD", null, null)]));

        Assert.True(result.IsDone);
        Assert.Equal(["USD"], (await editor.FindPlanAsync(_catalog.OfficeMonthly))!.Value.Plan.Prices.Select(p => p.Currency));
    }

    [Fact]
    public async Task Products_need_a_vendor_category_and_provider_and_names_are_unique_per_vendor()
    {
        await using var scope = _harness.Scope();
        var editor = scope.ServiceProvider.GetRequiredService<CatalogEditor>();

        var empty = await editor.SaveProductAsync(null, new ProductDraft(null, "", "", null, null, ProductKind.SeatLicence, "nope"));
        var duplicate = await editor.SaveProductAsync(null, new ProductDraft(_catalog.Adobe, "Acrobat Pro", "Documents", null, null, ProductKind.SeatLicence, "adobe"));
        var sameNameOtherVendor = await editor.SaveProductAsync(null, new ProductDraft(_catalog.Microsoft, "Acrobat Pro", "Documents", null, null, ProductKind.SeatLicence, "microsoft"));

        Assert.Equal(Problems.VendorMissing, empty.Errors["VendorId"]);
        Assert.Equal(Problems.NameRequired, empty.Errors["Name"]);
        Assert.Equal(Problems.CategoryRequired, empty.Errors["Category"]);
        Assert.Equal(Problems.ProviderMissing, empty.Errors["Provider"]);
        Assert.Equal(Problems.ProductTaken, duplicate.Errors["Name"]);
        Assert.True(sameNameOtherVendor.IsDone);
    }

    [Fact]
    public async Task Retired_products_leave_the_default_list_and_upgrades_stay_within_a_vendor()
    {
        await using var scope = _harness.Scope();
        var editor = scope.ServiceProvider.GetRequiredService<CatalogEditor>();

        await editor.SetProductRetiredAsync(_catalog.Defender, true);
        var active = await editor.ProductsAsync(null, null, null, includeRetired: false, new PageRequest());
        var everything = await editor.ProductsAsync(null, null, null, includeRetired: true, new PageRequest());
        var acrossVendors = await editor.SetUpgradesAsync(_catalog.OfficeMonthly, [_catalog.AcrobatAnnual]);
        var withinVendor = await editor.SetUpgradesAsync(_catalog.OfficeMonthly, [_catalog.OfficeAnnual]);

        Assert.DoesNotContain(active.Items, p => p.Name.StartsWith("Defender"));
        Assert.Contains(everything.Items, p => p.Name.StartsWith("Defender") && p.Retired);
        Assert.Equal(Problems.UpgradeOutsideVendor, acrossVendors!.Errors["Upgrades"]);
        Assert.True(withinVendor!.IsDone);
        Assert.Equal([_catalog.OfficeAnnual], (await editor.FindPlanAsync(_catalog.OfficeMonthly))!.Value.UpgradeTo);
    }
}

public class SupportPlansTests : IAsyncLifetime
{
    private DomainHarness _harness = default!;

    public async Task InitializeAsync() => _harness = await DomainHarness.CreateAsync("support_plans");

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_support_plan_charges_a_share_a_fixed_fee_or_both()
    {
        var ses = await _harness.AddResellerAsync("ses");
        await using var scope = _harness.Scope(ses.Id);
        var plans = scope.ServiceProvider.GetRequiredService<SupportPlans.SupportPlanOffers>();

        var none = await plans.CreateAsync(new(" ", null, null, null, null));
        var badValues = await plans.CreateAsync(new("Gold", null, 120m, -5m, null));
        var gold = await plans.CreateAsync(new("Gold", "24/7 phone support", 10m, 49.999m, "USD"));
        var taken = await plans.CreateAsync(new("Gold", null, 5m, null, null));

        Assert.Equal(Problems.SupportPlanNameRequired, none.Errors["Name"]);
        Assert.Equal(Problems.NeedsAFee, none.Errors["PercentOfCharges"]);
        Assert.Equal(Problems.PercentOfChargesOutOfRange, badValues.Errors["PercentOfCharges"]);
        Assert.Equal(Problems.FeeInvalid, badValues.Errors["FixedMonthlyFee"]);
        Assert.Equal(Problems.FeeNeedsCurrency, badValues.Errors["Currency"]);
        Assert.Equal(Problems.SupportPlanNameTaken, taken.Errors["Name"]);
        Assert.Equal(50.00m, gold.Value!.FixedMonthlyFee);
        Assert.Equal(173.46m, gold.Value.MonthlyFeeFor(1234.56m));   // 123.456 + 50.00
    }
}

public class ChangeTagsTests
{
    [Fact]
    public async Task Saving_tagged_entities_notifies_listeners_at_commit_and_not_on_rollback()
    {
        await using var harness = await DomainHarness.CreateAsync("change_tags");
        var reseller = await harness.AddResellerAsync("ses");
        await using var listener = new NpgsqlConnection(harness.ConnectionString);
        await listener.OpenAsync();
        var heard = new List<string>();
        listener.Notification += (_, e) => { lock (heard) heard.Add(e.Payload); };
        await using (var listen = new NpgsqlCommand($"LISTEN {ChangeTags.Channel}", listener))
            await listen.ExecuteNonQueryAsync();

        Guid kept;
        await using (var scope = harness.Scope(reseller.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                db.Add(new PriceBook { Id = Guid.NewGuid(), ResellerId = reseller.Id, Name = "Rolled back", Currency = "USD", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
                await db.SaveChangesAsync();
                await tx.RollbackAsync();
            }
            db.ChangeTracker.Clear();
            var book = new PriceBook { Id = Guid.NewGuid(), ResellerId = reseller.Id, Name = "Kept", Currency = "USD", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
            db.Add(book);
            await db.SaveChangesAsync();
            kept = book.Id;
        }
        // Notifications arrive asynchronously; give them a moment.
        for (var i = 0; i < 20 && heard.Count < 2; i++)
            await listener.WaitAsync(TimeSpan.FromMilliseconds(100));

        Assert.Equal(new[] { ChangeTags.PriceBook(kept), ChangeTags.Reseller(reseller.Id) }.Order(), heard.Order());
    }
}
