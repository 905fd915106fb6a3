using IonPortal.Core.Data;
using IonPortal.Core.Tenancy;

namespace IonPortal.Core.Pricing;

/// <summary>What a book's prices start from: the catalog's list price or the distributor's cost.</summary>
public enum PriceBasis
{
    ListPrice,
    Cost,
}

/// <summary>
/// How specific a rule is; the most specific rule for a plan wins. A category beats a vendor
/// because a vendor's products span categories, not the other way round.
/// </summary>
public enum RuleScope
{
    Vendor = 1,
    Category = 2,
    Product = 3,
    Plan = 4,
}

/// <summary>
/// A reseller's pricing of the catalog in one currency: a default markup (or discount) over its
/// basis, overridden per vendor, category, product or plan, and fixed prices per plan. The two
/// master books (list price, cost) are the same thing with no rules, and are never stored.
/// </summary>
public sealed class PriceBook : ITenantOwned, IChangeTagged
{
    public Guid Id { get; init; }

    public Guid ResellerId { get; init; }

    public string Name { get; set; } = "";

    public string Currency { get; init; } = "";

    public PriceBasis Basis { get; init; }

    /// <summary>+15 means 15 % over the basis; −10 means 10 % under it.</summary>
    public decimal DefaultAdjustmentPercent { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<PriceRule> Rules { get; init; } = [];

    public bool IsMaster => Id == Guid.Empty;

    /// <summary>Names the book among all books, masters included (for cache keys).</summary>
    public string Key => IsMaster ? $"master:{Basis}:{Currency}" : Id.ToString("N");

    IEnumerable<string> IChangeTagged.ChangeTags => [ChangeTags.PriceBook(Id), ChangeTags.Reseller(ResellerId)];

    /// <summary>A read-only master: the catalog's list prices or costs, as they are, in a currency.</summary>
    public static PriceBook Master(PriceBasis basis, string currency) =>
        new() { Id = Guid.Empty, Name = basis == PriceBasis.ListPrice ? "List price" : "Distributor cost", Currency = currency, Basis = basis };

    /// <summary>The price of a plan under this book, with the rule that set it.</summary>
    public PlanQuote PriceOf(PlanFacts plan)
    {
        var rule = RuleFor(plan);
        var basis = Basis == PriceBasis.Cost ? plan.Cost : plan.ListPrice;
        var price = rule?.FixedPrice is { } fixedPrice
            ? Money.Round(fixedPrice)
            : Money.Adjust(basis, rule?.AdjustmentPercent ?? DefaultAdjustmentPercent);
        return new PlanQuote(plan.Cost, price, price - plan.Cost, Money.MarginPercent(price, plan.Cost), rule);
    }

    /// <summary>The most specific rule that applies to the plan; null means the book's default.</summary>
    public PriceRule? RuleFor(PlanFacts plan) =>
        Rules.Where(r => r.AppliesTo(plan)).MaxBy(r => r.Scope);
}

/// <summary>One override in a price book: a percentage for a vendor, category, product or plan, or a fixed plan price.</summary>
public sealed class PriceRule : ITenantOwned, IChangeTagged
{
    public Guid Id { get; init; }

    public Guid ResellerId { get; init; }

    public Guid PriceBookId { get; init; }

    public RuleScope Scope { get; init; }

    public Guid? VendorId { get; init; }

    public string? Category { get; init; }

    public Guid? ProductId { get; init; }

    public Guid? PlanId { get; init; }

    /// <summary>Replaces the book's default percentage (set unless <see cref="FixedPrice"/> is).</summary>
    public decimal? AdjustmentPercent { get; set; }

    /// <summary>Plan rules only: the price itself, whatever the basis.</summary>
    public decimal? FixedPrice { get; set; }

    IEnumerable<string> IChangeTagged.ChangeTags => [ChangeTags.PriceBook(PriceBookId), ChangeTags.Reseller(ResellerId)];

    public bool AppliesTo(PlanFacts plan) => Scope switch
    {
        RuleScope.Plan => PlanId == plan.PlanId,
        RuleScope.Product => ProductId == plan.ProductId,
        RuleScope.Category => string.Equals(Category, plan.Category, StringComparison.OrdinalIgnoreCase),
        RuleScope.Vendor => VendorId == plan.VendorId,
        _ => false,
    };
}

/// <summary>What pricing needs to know about a plan, in the book's currency.</summary>
public sealed record PlanFacts(Guid PlanId, Guid ProductId, Guid VendorId, string Category, decimal Cost, decimal ListPrice);

/// <summary>A plan's price under a book: cost, price, margin, and the rule behind it (null: the default).</summary>
public sealed record PlanQuote(decimal Cost, decimal Price, decimal Margin, decimal? MarginPercent, PriceRule? Rule);
