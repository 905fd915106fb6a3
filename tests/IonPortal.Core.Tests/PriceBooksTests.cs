using IonPortal.Core.Accounts;
using IonPortal.Core.Auditing;
using IonPortal.Core.Paging;
using IonPortal.Core.Pricing;
using IonPortal.Core.Resellers;
using IonPortal.Core.Storefronts;
using Microsoft.Extensions.DependencyInjection;

namespace IonPortal.Core.Tests;

public class PriceBooksTests : IAsyncLifetime
{
    private DomainHarness _harness = default!;
    private readonly TestCatalog _catalog = new();
    private Reseller _ses = default!;
    private Reseller _north = default!;
    private PortalUser _admin = default!;

    public async Task InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync("price_books");
        await _catalog.AddToAsync(_harness);
        _ses = await _harness.AddResellerAsync("ses");
        _north = await _harness.AddResellerAsync("north");
        _admin = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Admin, "admin@ses.test");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private (AsyncServiceScope Scope, PriceBooks Books) AsSes()
    {
        var scope = _harness.Scope(_ses.Id, _admin);
        return (scope, scope.ServiceProvider.GetRequiredService<PriceBooks>());
    }

    [Fact]
    public async Task A_book_with_a_default_markup_a_vendor_override_and_a_fixed_price_prices_every_plan()
    {
        var (scope, books) = AsSes();
        await using var _ = scope;
        var book = (await books.CreateAsync("Retail USD", PriceBasis.Cost, "USD", 15m)).Value!;
        await books.SetRuleAsync(book.Id, new RuleDraft(RuleScope.Vendor, VendorId: _catalog.Adobe, AdjustmentPercent: 10m));
        await books.SetRuleAsync(book.Id, new RuleDraft(RuleScope.Plan, PlanId: _catalog.OfficeAnnual, FixedPrice: 11.99m));

        var preview = await books.PreviewAsync((await books.FindAsync(book.Id))!, null, new PageRequest());

        var prices = preview.Items.ToDictionary(r => r.Sku, r => r.Quote!.Price);
        Assert.Equal(220.00m, prices["ADB-ACR-A"]);   // 200 + 10 % (vendor)
        Assert.Equal(11.99m, prices["CFQ7-OFF-A"]);   // fixed
        Assert.Equal(14.38m, prices["CFQ7-OFF-M"]);   // 12.50 + 15 % = 14.375
        Assert.Equal(2.76m, prices["CFQ7-DEF-A"]);    // 2.40 + 15 %
        var fixedRow = preview.Items.Single(r => r.Sku == "CFQ7-OFF-A");
        Assert.Equal(RuleScope.Plan, fixedRow.Quote!.Rule!.Scope);
        Assert.Equal(1.99m, fixedRow.Quote.Margin);
    }

    [Fact]
    public async Task The_preview_searches_and_pages_and_marks_plans_not_sold_in_the_currency()
    {
        var (scope, books) = AsSes();
        await using var _ = scope;
        var cad = (await books.CreateAsync("Canada", PriceBasis.ListPrice, "CAD", 0m)).Value!;

        var all = await books.PreviewAsync(cad, null, new PageRequest(1, 2));
        var office = await books.PreviewAsync(cad, "business standard", new PageRequest());

        Assert.Equal(4, all.TotalCount);
        Assert.Equal(2, all.Items.Count);
        Assert.Equal(["CFQ7-OFF-A", "CFQ7-OFF-M"], office.Items.Select(r => r.Sku));
        Assert.Null(office.Items[0].Quote);
        Assert.Equal(20.40m, office.Items[1].Quote!.Price);
    }

    [Fact]
    public async Task Setting_a_rule_again_replaces_it_and_every_change_is_audited_with_before_and_after()
    {
        var (scope, books) = AsSes();
        await using var _ = scope;
        var book = (await books.CreateAsync("Audited", PriceBasis.Cost, "USD", 10m)).Value!;
        await books.SetRuleAsync(book.Id, new RuleDraft(RuleScope.Category, Category: "Security", AdjustmentPercent: 20m));
        await books.SetRuleAsync(book.Id, new RuleDraft(RuleScope.Category, Category: "security", AdjustmentPercent: 25m));
        await books.UpdateAsync(book.Id, "Audited", 12m);

        var saved = (await books.FindAsync(book.Id))!;
        Assert.Equal(25m, Assert.Single(saved.Rules).AdjustmentPercent);
        var history = (await scope.ServiceProvider.GetRequiredService<AuditTrail>().HistoryAsync(AuditActions.PriceBook.Type, book.Id, new PageRequest())).Items;
        Assert.Equal(["price-book.updated", "price-book.rule-set", "price-book.rule-set", "price-book.created"], history.Select(e => e.Action));
        Assert.Equal("10", AuditTrail.Fields(history[0].Before)["defaultPercent"]);
        Assert.Equal("12", AuditTrail.Fields(history[0].After)["defaultPercent"]);
        Assert.Equal("20", AuditTrail.Fields(history[1].Before)["percent"]);
        Assert.Equal("25", AuditTrail.Fields(history[1].After)["percent"]);
        Assert.Equal("Security", AuditTrail.Fields(history[1].After)["target"]);
        Assert.All(history, e => Assert.Equal(_admin.Id, e.ActorUserId));
    }

    [Fact]
    public async Task Bad_books_and_rules_are_refused_per_field()
    {
        var (scope, books) = AsSes();
        await using var _ = scope;
        var book = (await books.CreateAsync("Taken", PriceBasis.Cost, "USD", 0m)).Value!;

        var bad = await books.CreateAsync(" ", PriceBasis.Cost, "JPY", -100m);
        var taken = await books.CreateAsync("Taken", PriceBasis.Cost, "USD", 0m);
        var fixedOnVendor = await books.SetRuleAsync(book.Id, new RuleDraft(RuleScope.Vendor, VendorId: _catalog.Adobe, FixedPrice: 5m));
        var both = await books.SetRuleAsync(book.Id, new RuleDraft(RuleScope.Plan, PlanId: _catalog.OfficeAnnual, AdjustmentPercent: 5m, FixedPrice: 5m));
        var noTarget = await books.SetRuleAsync(book.Id, new RuleDraft(RuleScope.Product, ProductId: Guid.NewGuid(), AdjustmentPercent: 5m));
        var unknownCategory = await books.SetRuleAsync(book.Id, new RuleDraft(RuleScope.Category, Category: "Gardening", AdjustmentPercent: 5m));

        Assert.Equal(Problems.PriceBookNameRequired, bad.Errors["Name"]);
        Assert.Equal(Problems.CurrencyUnsupported, bad.Errors["Currency"]);
        Assert.Equal(Problems.AdjustmentOutOfRange, bad.Errors["DefaultAdjustmentPercent"]);
        Assert.Equal(Problems.PriceBookNameTaken, taken.Errors["Name"]);
        Assert.Equal(Problems.FixedOnlyForPlans, fixedOnVendor!.Errors["Value"]);
        Assert.Equal(Problems.OnePriceOnly, both!.Errors["Value"]);
        Assert.Equal(Problems.TargetMissing, noTarget!.Errors["Target"]);
        Assert.Equal(Problems.TargetMissing, unknownCategory!.Errors["Target"]);
        Assert.Empty((await books.FindAsync(book.Id))!.Rules);
    }

    [Fact]
    public async Task Another_resellers_book_is_not_found()
    {
        Guid sesBook;
        await using (var ses = _harness.Scope(_ses.Id, _admin))
            sesBook = (await ses.ServiceProvider.GetRequiredService<PriceBooks>().CreateAsync("Private", PriceBasis.Cost, "USD", 30m)).Value!.Id;

        await using var north = _harness.Scope(_north.Id);
        var books = north.ServiceProvider.GetRequiredService<PriceBooks>();

        Assert.Null(await books.FindAsync(sesBook));
        Assert.Equal(IonPortal.Core.Validation.OutcomeStatus.NotFound, (await books.UpdateAsync(sesBook, "Stolen", 0m)).Status);
        Assert.Equal(IonPortal.Core.Validation.OutcomeStatus.NotFound, (await books.SetRuleAsync(sesBook, new RuleDraft(RuleScope.Vendor, VendorId: _catalog.Adobe, AdjustmentPercent: 1m))).Status);
        Assert.Equal(IonPortal.Core.Validation.OutcomeStatus.NotFound, (await books.DeleteAsync(sesBook)).Status);
        Assert.Empty((await books.ListAsync(null, new PageRequest())).Items);
    }

    [Fact]
    public async Task The_storefront_book_cannot_be_deleted()
    {
        var (scope, books) = AsSes();
        await using var _ = scope;
        var book = (await books.CreateAsync("Storefront", PriceBasis.Cost, "USD", 15m)).Value!;
        await scope.ServiceProvider.GetRequiredService<StorefrontSetup>().SetPricingAsync(book.Id, null);

        var refused = await DeleteInItsOwnUnitOfWorkAsync(book.Id);

        Assert.Equal(Problems.UsedByStorefront, refused.Errors[""]);
        Assert.True((await books.ListAsync(null, new PageRequest())).Items.Single().PricesStorefront);
    }

    [Fact]
    public async Task A_book_that_prices_a_customer_cannot_be_deleted()
    {
        var (scope, books) = AsSes();
        await using var _ = scope;
        var book = (await books.CreateAsync("Key accounts", PriceBasis.Cost, "USD", 8m)).Value!;
        var customer = await _harness.AddCustomerAsync(_ses.Id, "Contoso");
        var authorized = await scope.ServiceProvider.GetRequiredService<IonPortal.Core.Customers.CustomerRecords>().AuthorizeAsync(customer.Id, "microsoft", book.Id, "USD", true);

        var refused = await DeleteInItsOwnUnitOfWorkAsync(book.Id);

        Assert.True(authorized.IsDone, authorized.ToString());
        Assert.Equal(Problems.UsedByCustomers, refused.Errors[""]);
        Assert.NotNull(await books.FindAsync(book.Id));
    }

    // As the portal runs each operation: a fresh scope, nothing else tracked, so the database's foreign keys decide.
    private async Task<IonPortal.Core.Validation.Outcome> DeleteInItsOwnUnitOfWorkAsync(Guid bookId)
    {
        var (scope, books) = AsSes();
        await using var _ = scope;
        return await books.DeleteAsync(bookId);
    }
}
