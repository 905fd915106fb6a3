using IonPortal.Core.Catalog;
using IonPortal.Core.Pricing;

namespace IonPortal.Core.Storefronts;

/// <summary>What a signed-in customer may do with a provider's products.</summary>
public enum ProviderAccess
{
    /// <summary>A visitor (or the customer isn't authorized for it): public prices, no ordering.</summary>
    None,
    /// <summary>Authorized, but the reseller orders on the customer's behalf.</summary>
    ThroughReseller,
    /// <summary>Authorized and enabled in the customer portal: the customer orders and manages them.</summary>
    SelfService,
}

/// <summary>A provider a customer is authorized for, with the book that prices it.</summary>
public sealed record ProviderPricing(PriceBook Book, bool EnabledInPortal);

/// <summary>
/// Which book prices which product on a storefront. A visitor sees one book (the storefront's);
/// a signed-in customer sees each authorized provider's products priced by that provider's book,
/// and the rest by the customer's default book (else the storefront's).
/// </summary>
public sealed record CatalogPricing(PriceBook Default, IReadOnlyDictionary<string, ProviderPricing> Providers)
{
    public static CatalogPricing Visitor(PriceBook storefrontBook) => new(storefrontBook, new Dictionary<string, ProviderPricing>());

    public PriceBook BookFor(string provider) => Providers.TryGetValue(provider, out var p) ? p.Book : Default;

    public ProviderAccess AccessTo(string provider) =>
        !Providers.TryGetValue(provider, out var p) ? ProviderAccess.None : p.EnabledInPortal ? ProviderAccess.SelfService : ProviderAccess.ThroughReseller;

    /// <summary>True when every product is priced in one currency (always, for visitors).</summary>
    public bool IsSingleCurrency => Providers.Values.All(p => p.Book.Currency == Default.Currency);

    /// <summary>The currency each provider's products are priced in, as "provider:currency" pairs.</summary>
    public IReadOnlyList<string> ProviderCurrencies => CloudProviders.All.Select(p => $"{p.Code}:{BookFor(p.Code).Currency}").ToList();

    public IEnumerable<PriceBook> Books => Providers.Values.Select(p => p.Book).Append(Default).DistinctBy(b => b.Key);

    /// <summary>Equal for two customers priced alike, so they can share cached results.</summary>
    public string Key => Default.Key + string.Concat(Providers.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $";{p.Key}={p.Value.Book.Key}"));
}
