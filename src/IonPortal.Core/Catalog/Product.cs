using IonPortal.Core.Data;

namespace IonPortal.Core.Catalog;

/// <summary>Something a reseller can sell: one vendor's product, bought through one of its plans.</summary>
public sealed class Product : IChangeTagged
{
    IEnumerable<string> IChangeTagged.ChangeTags => [ChangeTags.Catalog];

    public Guid Id { get; init; }

    public Guid VendorId { get; set; }

    public Vendor? Vendor { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The vendor's own id for it (Partner Center's ProductId), for products that come from a vendor's price list.</summary>
    public string? ExternalId { get; set; }

    /// <summary>A short grouping such as "Productivity" or "Security"; price books can override it.</summary>
    public string Category { get; set; } = "";

    /// <summary>One or two sentences for the storefront tile.</summary>
    public string ShortDescription { get; set; } = "";

    public string Description { get; set; } = "";

    public ProductKind Kind { get; set; }

    /// <summary>The <see cref="CloudProviders"/> code of the channel that provisions it.</summary>
    public string Provider { get; set; } = "";

    /// <summary>Retired products stay on existing subscriptions but can no longer be bought.</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public List<Plan> Plans { get; init; } = [];
}

/// <summary>A way to buy a product: a SKU with a term, a billing frequency and prices per currency.</summary>
public sealed class Plan : IChangeTagged
{
    IEnumerable<string> IChangeTagged.ChangeTags => [ChangeTags.Catalog];

    public Guid Id { get; init; }

    public Guid ProductId { get; init; }

    public Product? Product { get; set; }

    /// <summary>The vendor's part number, unique across the catalog.</summary>
    public string Sku { get; set; } = "";

    public string Name { get; set; } = "";

    public Term Term { get; set; }

    public BillingFrequency Billing { get; set; }

    /// <summary>What one unit is: "user", "licence", "100 GB", …</summary>
    public string Unit { get; set; } = "";

    /// <summary>The fewest and most units one subscription to it may hold (Microsoft's business plans stop at 300 users).</summary>
    public int MinQuantity { get; set; } = 1;

    public int MaxQuantity { get; set; } = 10_000;

    public DateTimeOffset? RetiredAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public List<PlanPrice> Prices { get; init; } = [];

    public bool IsPurchasable => RetiredAt is null && Product?.RetiredAt is null;
}

/// <summary>What a plan costs the reseller (distributor cost) and its list price, in one currency, per unit per charge.</summary>
public sealed class PlanPrice : IChangeTagged
{
    IEnumerable<string> IChangeTagged.ChangeTags => [ChangeTags.Catalog];

    public Guid PlanId { get; init; }

    public string Currency { get; init; } = "";

    public decimal Cost { get; set; }

    public decimal ListPrice { get; set; }
}

/// <summary>An allowed change of plan for an existing subscription (upgrade or downgrade).</summary>
public sealed class PlanUpgrade : IChangeTagged
{
    IEnumerable<string> IChangeTagged.ChangeTags => [ChangeTags.Catalog];

    public Guid FromPlanId { get; init; }

    public Guid ToPlanId { get; init; }
}
