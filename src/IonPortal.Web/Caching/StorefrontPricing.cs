using IonPortal.Core.Pricing;
using IonPortal.Core.Storefronts;
using IonPortal.Web.Tenancy;

namespace IonPortal.Web.Caching;

/// <summary>
/// The price book that prices this request's storefront, from the node's storefront cache; the
/// catalog (and its DbContext) is resolved only on a miss.
/// </summary>
public sealed class StorefrontPricing(Storefront storefront, StorefrontCache cache, IServiceProvider services)
{
    public Task<PriceBook> BookAsync(CancellationToken ct = default) =>
        cache.PricingAsync(storefront.Reseller.Id, () => services.GetRequiredService<StorefrontCatalog>().PricingAsync(ct));
}
