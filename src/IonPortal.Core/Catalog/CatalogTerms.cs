namespace IonPortal.Core.Catalog;

/// <summary>How a product is sold: seats per user/licence, or metered consumption.</summary>
public enum ProductKind
{
    SeatLicence,
    MeteredUsage,
    /// <summary>A click-to-run solution: a template deployed into the customer's Azure with its parameters.</summary>
    Solution,
}

/// <summary>The commitment a plan is bought for (ISO 8601 durations, as vendors name them).</summary>
public enum Term
{
    P1M,
    P1Y,
    P3Y,
}

/// <summary>How often a plan is charged; its prices are per unit per charge.</summary>
public enum BillingFrequency
{
    Monthly,
    Annual,
    OneTime,
    /// <summary>Once every three years (a 3-year term paid up front, renewing).</summary>
    Triennial,
}

public static class PlanTerms
{
    public static int Months(this Term term) => term switch { Term.P1M => 1, Term.P1Y => 12, _ => 36 };

    /// <summary>How many months one charge covers, to compare plans billed differently.</summary>
    public static int MonthsPerCharge(Term term, BillingFrequency billing) => billing switch
    {
        BillingFrequency.Monthly => 1,
        BillingFrequency.Annual => 12,
        BillingFrequency.Triennial => 36,
        _ => term.Months(),
    };
}

/// <summary>The channels that provision products (a price book per provider, later per customer).</summary>
public static class CloudProviders
{
    public sealed record CloudProvider(string Code, string Name);

    public static readonly IReadOnlyList<CloudProvider> All =
    [
        new("microsoft", "Microsoft CSP"),
        new("google", "Google Cloud"),
        new("aws", "Amazon Web Services"),
        new("adobe", "Adobe VIP Marketplace"),
        new("direct", "Vendor direct"),
    ];

    public static bool IsKnown(string? code) => All.Any(p => p.Code == code);

    public static string NameOf(string code) => All.FirstOrDefault(p => p.Code == code)?.Name ?? code;
}

/// <summary>A currency the catalog is priced in, with the symbol that says whose dollars ("$" alone would not).</summary>
public sealed record Currency(string Code, string Symbol);

/// <summary>The currencies the catalog is priced in, in one place.</summary>
public static class Currencies
{
    public static readonly IReadOnlyList<Currency> All =
        [new("USD", "US$"), new("CAD", "CA$"), new("MXN", "MX$"), new("BRL", "R$"), new("COP", "COL$"), new("EUR", "€")];

    public static readonly IReadOnlyList<string> Supported = [.. All.Select(c => c.Code)];

    public static bool IsSupported(string? code) => code is not null && Supported.Contains(code);

    /// <summary>The currency's symbol, or its code and a space for one we don't price in.</summary>
    public static string SymbolOf(string code) => All.FirstOrDefault(c => c.Code == code)?.Symbol ?? code + " ";
}
