using IonPortal.Core.Pricing;

namespace IonPortal.Core.Tests;

public class MoneyTests
{
    [Theory]
    [InlineData("2.345", "2.35")]
    [InlineData("2.3449999", "2.34")]
    [InlineData("-2.345", "-2.35")]
    [InlineData("0.005", "0.01")]
    [InlineData("0.0049", "0.00")]
    [InlineData("1.005", "1.01")]
    [InlineData("2.5", "2.50")]
    [InlineData("999999999.995", "1000000000.00")]
    public void Prices_round_to_the_cent_half_away_from_zero(string amount, string expected) =>
        Assert.Equal(decimal.Parse(expected), Money.Round(decimal.Parse(amount)));

    [Theory]
    [InlineData("100", "15", "115.00")]
    [InlineData("19.99", "15", "22.99")]     // 22.9885
    [InlineData("10.10", "5", "10.61")]      // 10.605, a half
    [InlineData("10", "-10", "9.00")]
    [InlineData("0.30", "-50", "0.15")]
    [InlineData("7.77", "0", "7.77")]
    [InlineData("12.34", "-100", "0.00")]
    public void Markups_and_discounts_are_rounded_once(string amount, string percent, string expected) =>
        Assert.Equal(decimal.Parse(expected), Money.Adjust(decimal.Parse(amount), decimal.Parse(percent)));

    [Fact]
    public void Margin_percent_is_a_share_of_the_price()
    {
        Assert.Equal(13.0m, Money.MarginPercent(115m, 100m));
        Assert.Equal(-11.1m, Money.MarginPercent(90m, 100m));
        Assert.Null(Money.MarginPercent(0m, 5m));
    }
}

public class PriceBookTests
{
    private static readonly Guid Microsoft = Guid.NewGuid(), Adobe = Guid.NewGuid();
    private static readonly Guid Office = Guid.NewGuid(), Acrobat = Guid.NewGuid();
    private static readonly Guid OfficeMonthly = Guid.NewGuid(), OfficeAnnual = Guid.NewGuid(), AcrobatAnnual = Guid.NewGuid();

    private static readonly PlanFacts OfficeMonthlyPlan = new(OfficeMonthly, Office, Microsoft, "Productivity", Cost: 10.00m, ListPrice: 12.50m);
    private static readonly PlanFacts OfficeAnnualPlan = new(OfficeAnnual, Office, Microsoft, "Productivity", Cost: 100.00m, ListPrice: 125.00m);
    private static readonly PlanFacts AcrobatPlan = new(AcrobatAnnual, Acrobat, Adobe, "Documents", Cost: 200.00m, ListPrice: 239.88m);

    private static PriceBook Book(PriceBasis basis, decimal defaultPercent, params PriceRule[] rules) =>
        new() { Id = Guid.NewGuid(), Name = "Test", Currency = "USD", Basis = basis, DefaultAdjustmentPercent = defaultPercent, Rules = [.. rules] };

    private static PriceRule Rule(RuleScope scope, decimal? percent = null, decimal? fixedPrice = null, Guid? vendor = null, string? category = null, Guid? product = null, Guid? plan = null) =>
        new() { Id = Guid.NewGuid(), Scope = scope, AdjustmentPercent = percent, FixedPrice = fixedPrice, VendorId = vendor, Category = category, ProductId = product, PlanId = plan };

    [Fact]
    public void The_default_markup_applies_when_no_rule_does()
    {
        var quote = Book(PriceBasis.Cost, 15m).PriceOf(OfficeMonthlyPlan);

        Assert.Equal(11.50m, quote.Price);
        Assert.Equal(1.50m, quote.Margin);
        Assert.Equal(13.0m, quote.MarginPercent);
        Assert.Null(quote.Rule);
    }

    [Fact]
    public void A_discount_on_list_price_is_a_negative_adjustment()
    {
        Assert.Equal(11.25m, Book(PriceBasis.ListPrice, -10m).PriceOf(OfficeMonthlyPlan).Price);
    }

    [Fact]
    public void The_most_specific_rule_wins_plan_over_product_over_category_over_vendor()
    {
        var vendor = Rule(RuleScope.Vendor, percent: 20m, vendor: Microsoft);
        var category = Rule(RuleScope.Category, percent: 25m, category: "productivity");
        var product = Rule(RuleScope.Product, percent: 30m, product: Office);
        var plan = Rule(RuleScope.Plan, percent: 40m, plan: OfficeMonthly);

        Assert.Equal(12.00m, Book(PriceBasis.Cost, 15m, vendor).PriceOf(OfficeMonthlyPlan).Price);
        Assert.Equal(12.50m, Book(PriceBasis.Cost, 15m, vendor, category).PriceOf(OfficeMonthlyPlan).Price);
        Assert.Equal(130.00m, Book(PriceBasis.Cost, 15m, plan, vendor, product, category).PriceOf(OfficeAnnualPlan).Price);
        var all = Book(PriceBasis.Cost, 15m, category, plan, vendor, product);
        Assert.Equal(14.00m, all.PriceOf(OfficeMonthlyPlan).Price);
        Assert.Same(plan, all.PriceOf(OfficeMonthlyPlan).Rule);
        Assert.Same(product, all.PriceOf(OfficeAnnualPlan).Rule);
    }

    [Fact]
    public void A_fixed_plan_price_ignores_the_basis_and_every_percentage()
    {
        var book = Book(PriceBasis.Cost, 15m, Rule(RuleScope.Vendor, percent: 50m, vendor: Adobe), Rule(RuleScope.Plan, fixedPrice: 219.999m, plan: AcrobatAnnual));

        var quote = book.PriceOf(AcrobatPlan);

        Assert.Equal(220.00m, quote.Price);
        Assert.Equal(20.00m, quote.Margin);
        Assert.Equal(9.1m, quote.MarginPercent);
    }

    [Fact]
    public void Rules_for_other_vendors_products_and_plans_do_not_apply()
    {
        var book = Book(PriceBasis.ListPrice, 0m,
            Rule(RuleScope.Vendor, percent: 50m, vendor: Adobe),
            Rule(RuleScope.Category, percent: 50m, category: "Documents"),
            Rule(RuleScope.Product, percent: 50m, product: Acrobat),
            Rule(RuleScope.Plan, fixedPrice: 1m, plan: AcrobatAnnual));

        Assert.Equal(12.50m, book.PriceOf(OfficeMonthlyPlan).Price);
        Assert.Null(book.PriceOf(OfficeMonthlyPlan).Rule);
    }

    [Fact]
    public void Master_books_show_the_catalog_as_it_is()
    {
        Assert.Equal(12.50m, PriceBook.Master(PriceBasis.ListPrice, "USD").PriceOf(OfficeMonthlyPlan).Price);
        var cost = PriceBook.Master(PriceBasis.Cost, "USD").PriceOf(OfficeMonthlyPlan);
        Assert.Equal(10.00m, cost.Price);
        Assert.Equal(0m, cost.Margin);
        Assert.True(PriceBook.Master(PriceBasis.Cost, "USD").IsMaster);
    }
}
