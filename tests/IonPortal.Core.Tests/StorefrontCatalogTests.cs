using IonPortal.Core.Catalog;
using IonPortal.Core.Pricing;
using IonPortal.Core.Resellers;
using IonPortal.Core.Storefronts;
using Microsoft.Extensions.DependencyInjection;

namespace IonPortal.Core.Tests;

public class StorefrontCatalogTests : IAsyncLifetime
{
    private DomainHarness _harness = default!;
    private readonly TestCatalog _catalog = new();
    private Reseller _ses = default!;
    private Reseller _north = default!;

    public async Task InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync("storefront_catalog");
        await _catalog.AddToAsync(_harness);
        _ses = await _harness.AddResellerAsync("ses");
        _north = await _harness.AddResellerAsync("north");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task<CatalogResults> SearchAsync(Guid reseller, CatalogQuery query)
    {
        await using var scope = _harness.Scope(reseller);
        var catalog = scope.ServiceProvider.GetRequiredService<StorefrontCatalog>();
        return await catalog.SearchAsync(CatalogPricing.Visitor(await catalog.PricingAsync()), query);
    }

    private async Task SetUpAsync(Guid reseller, Func<StorefrontSetup, PriceBooks, Task> setUp)
    {
        await using var scope = _harness.Scope(reseller);
        await setUp(scope.ServiceProvider.GetRequiredService<StorefrontSetup>(), scope.ServiceProvider.GetRequiredService<PriceBooks>());
    }

    [Fact]
    public async Task Only_shown_vendors_products_appear_minus_hidden_ones()
    {
        await SetUpAsync(_ses.Id, async (setup, _) =>
        {
            await setup.SetVendorsAsync([_catalog.Microsoft]);
            await setup.SetProductShownAsync(_catalog.Defender, false);
        });

        var ses = await SearchAsync(_ses.Id, new CatalogQuery());
        var north = await SearchAsync(_north.Id, new CatalogQuery());

        Assert.Equal(["Microsoft 365 Business Standard"], ses.Tiles.Items.Select(t => t.Name));
        Assert.Equal(["Microsoft"], ses.Vendors.Select(v => v.Name));
        Assert.Empty(north.Tiles.Items);
    }

    [Fact]
    public async Task Tiles_show_the_cheapest_plan_under_the_storefront_book()
    {
        await SetUpAsync(_ses.Id, async (setup, books) =>
        {
            await setup.SetVendorsAsync([_catalog.Microsoft, _catalog.Adobe]);
            var book = (await books.CreateAsync("Web", PriceBasis.Cost, "USD", 20m)).Value!;
            await books.SetRuleAsync(book.Id, new RuleDraft(RuleScope.Plan, PlanId: _catalog.OfficeMonthly, FixedPrice: 9.99m));
            await setup.SetPricingAsync(book.Id, null);
        });

        var tiles = (await SearchAsync(_ses.Id, new CatalogQuery())).Tiles.Items.ToDictionary(t => t.Name);

        Assert.Equal(9.99m, tiles["Microsoft 365 Business Standard"].From!.Price);   // the fixed monthly beats annual 12.00
        Assert.Equal(Term.P1M, tiles["Microsoft 365 Business Standard"].From!.Term);
        Assert.Equal(BillingFrequency.Monthly, tiles["Microsoft 365 Business Standard"].From!.Billing);
        Assert.Equal(240.00m, tiles["Acrobat Pro"].From!.Price);
        Assert.Equal("USD", tiles["Acrobat Pro"].From!.Currency);
    }

    [Fact]
    public async Task Retired_plans_and_products_and_other_currencies_are_not_for_sale()
    {
        await SetUpAsync(_ses.Id, async (setup, _) =>
        {
            await setup.SetVendorsAsync([_catalog.Microsoft, _catalog.Adobe]);
            await setup.SetPricingAsync(null, "CAD");
        });
        await using (var scope = _harness.Scope())
            await scope.ServiceProvider.GetRequiredService<CatalogEditor>().SetPlanRetiredAsync(_catalog.OfficeAnnual, true);

        var cad = await SearchAsync(_ses.Id, new CatalogQuery());

        var office = Assert.Single(cad.Tiles.Items);
        Assert.Equal(20.40m, office.From!.Price);
        await using var detailScope = _harness.Scope(_ses.Id);
        var catalog = detailScope.ServiceProvider.GetRequiredService<StorefrontCatalog>();
        var details = await catalog.ProductAsync(CatalogPricing.Visitor(await catalog.PricingAsync()), _catalog.Office);
        Assert.Equal(["CFQ7-OFF-M"], details!.Plans.Select(p => p.Sku));
        Assert.Null(await catalog.ProductAsync(CatalogPricing.Visitor(await catalog.PricingAsync()), _catalog.Acrobat));
    }

    [Fact]
    public async Task Search_filters_and_paging()
    {
        await SetUpAsync(_ses.Id, (setup, _) => setup.SetVendorsAsync([_catalog.Microsoft, _catalog.Adobe]));

        Assert.Equal(["Acrobat Pro"], (await SearchAsync(_ses.Id, new CatalogQuery("adobe"))).Tiles.Items.Select(t => t.Name));
        Assert.Equal(["Defender for Endpoint P1"], (await SearchAsync(_ses.Id, new CatalogQuery("SECURITY"))).Tiles.Items.Select(t => t.Name));
        Assert.Equal(2, (await SearchAsync(_ses.Id, new CatalogQuery(VendorId: _catalog.Microsoft))).Tiles.TotalCount);
        Assert.Equal(["Acrobat Pro"], (await SearchAsync(_ses.Id, new CatalogQuery(Category: "Documents"))).Tiles.Items.Select(t => t.Name));
        var pageTwo = await SearchAsync(_ses.Id, new CatalogQuery(Page: 2));
        Assert.Equal(1, pageTwo.Tiles.Number);
        Assert.Equal(3, pageTwo.Tiles.TotalCount);
    }

    [Fact]
    public async Task A_customers_catalog_is_priced_by_the_book_of_each_provider_it_is_authorized_for()
    {
        Guid cadBook = default;
        await SetUpAsync(_ses.Id, async (setup, books) =>
        {
            await setup.SetVendorsAsync([_catalog.Microsoft, _catalog.Adobe]);
            cadBook = (await books.CreateAsync("Partners CAD", PriceBasis.Cost, "CAD", 20m)).Value!.Id;
        });
        var customer = await _harness.AddCustomerAsync(_ses.Id, "Contoso");
        await using (var scope = _harness.Scope(_ses.Id))
            Assert.True((await scope.ServiceProvider.GetRequiredService<Customers.CustomerRecords>().AuthorizeAsync(customer.Id, "microsoft", cadBook, "CAD", false))!.IsDone);

        await using var storefront = _harness.Scope(_ses.Id);
        var catalog = storefront.ServiceProvider.GetRequiredService<StorefrontCatalog>();
        var pricing = (await catalog.CustomerPricingAsync(customer.Id, await catalog.PricingAsync()))!;
        var tiles = (await catalog.SearchAsync(pricing, new CatalogQuery())).Tiles.Items;
        var office = (await catalog.ProductAsync(pricing, _catalog.Office))!;

        // Microsoft by the CAD book (cost 17.00 + 20 %), Adobe at the storefront's USD list price; Defender has no CAD price.
        Assert.Equal([("Acrobat Pro", 239.88m, "USD"), ("Microsoft 365 Business Standard", 20.40m, "CAD")],
            tiles.Select(t => (t.Name, t.From!.Price, t.From.Currency)));
        Assert.Equal("CAD", office.Currency);
        Assert.Equal([20.40m], office.Plans.Select(p => p.Price));
        Assert.Equal((ProviderAccess.ThroughReseller, ProviderAccess.None), (pricing.AccessTo("microsoft"), pricing.AccessTo("adobe")));
        Assert.Null(await catalog.ProductAsync(pricing, _catalog.Defender));

        await using var north = _harness.Scope(_north.Id);
        var theirs = north.ServiceProvider.GetRequiredService<StorefrontCatalog>();
        Assert.Null(await theirs.CustomerPricingAsync(customer.Id, await theirs.PricingAsync()));
    }
}

public class FromPriceTests : IAsyncLifetime
{
    private DomainHarness _harness = default!;

    public async Task InitializeAsync() => _harness = await DomainHarness.CreateAsync("from_price");

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task An_annual_commitment_that_is_cheaper_per_month_is_the_from_price()
    {
        var reseller = await _harness.AddResellerAsync("ses");
        Guid vendor;
        await using (var scope = _harness.Scope())
        {
            var editor = scope.ServiceProvider.GetRequiredService<CatalogEditor>();
            vendor = (await editor.SaveVendorAsync(null, "Acronis", null)).Value!.Id;
            var product = (await editor.SaveProductAsync(null, new ProductDraft(vendor, "Cyber Protect", "Backup", null, null, ProductKind.SeatLicence, "direct"))).Value!;
            await editor.SavePlanAsync(product.Id, null, new PlanDraft("ACR-M", "Monthly", Term.P1M, BillingFrequency.Monthly, "workload", [new("USD", 7m, 7.80m)]));
            await editor.SavePlanAsync(product.Id, null, new PlanDraft("ACR-A", "Annual", Term.P1Y, BillingFrequency.Annual, "workload", [new("USD", 60m, 78.00m)]));
        }
        await using var tenant = _harness.Scope(reseller.Id);
        await tenant.ServiceProvider.GetRequiredService<StorefrontSetup>().SetVendorsAsync([vendor]);
        var catalog = tenant.ServiceProvider.GetRequiredService<StorefrontCatalog>();

        var tile = Assert.Single((await catalog.SearchAsync(CatalogPricing.Visitor(await catalog.PricingAsync()), new CatalogQuery())).Tiles.Items);

        Assert.Equal(78.00m, tile.From!.Price);                      // 6.50 a month, against 7.80 month to month
        Assert.Equal(BillingFrequency.Annual, tile.From.Billing);
    }
}
