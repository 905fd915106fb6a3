using IonPortal.Core.Pricing;
using IonPortal.Core.Storefronts;
using IonPortal.Web.Tenancy;

namespace IonPortal.Web.Caching;

/// <summary>The price book that prices this request's storefront, from the node's storefront cache.</summary>
public sealed class StorefrontPricing(Storefront storefront, StorefrontCatalog catalog, StorefrontCache cache)
{
    public Task<PriceBook> BookAsync(CancellationToken ct = default) =>
        cache.PricingAsync(storefront.Reseller.Id, () => catalog.PricingAsync(ct));
}
