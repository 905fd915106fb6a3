using IonPortal.Core.Data;
using IonPortal.Core.Pricing;
using IonPortal.Core.Storefronts;
using IonPortal.Web.Tenancy;

namespace IonPortal.Web.Caching;

/// <summary>
/// How the session's storefront is priced (the storefront's book for visitors, the customer's
/// books for its signed-in people) and its catalog results, from the node's storefront cache;
/// the catalog (and its DbContext) is resolved only on a miss.
/// </summary>
public sealed class StorefrontPricing(PortalSession session, Storefront storefront, StorefrontCache cache, IServiceProvider services)
{
    private CatalogPricing? _pricing;

    /// <summary>The book visitors see.</summary>
    public Task<PriceBook> BookAsync(CancellationToken ct = default) =>
        cache.GetAsync($"storefront-book:{storefront.Reseller.Id:N}", async () =>
        {
            var book = await Catalog.PricingAsync(ct);
            return (book, Tags(book));
        });

    /// <summary>For a customer of this storefront, its own books; for anyone else, the visitors' book.</summary>
    public async Task<CatalogPricing> PricingAsync(CancellationToken ct = default)
    {
        if (_pricing is not null)
            return _pricing;
        var visitorBook = await BookAsync(ct);
        if (!session.IsOwnCustomer || session.User!.CustomerId is not { } customerId)
            return _pricing = CatalogPricing.Visitor(visitorBook);
        return _pricing = await cache.GetAsync($"customer-pricing:{customerId:N}", async () =>
        {
            var pricing = await Catalog.CustomerPricingAsync(customerId, visitorBook, ct) ?? CatalogPricing.Visitor(visitorBook);
            return (pricing, pricing.Books.SelectMany(Tags).Append(ChangeTags.Customer(customerId)));
        });
    }

    /// <summary>A page of the catalog as this session's person sees it (shared by everyone priced alike).</summary>
    public async Task<CatalogResults> SearchAsync(CatalogQuery query, CancellationToken ct = default)
    {
        var pricing = await PricingAsync(ct);
        var key = $"results:{storefront.Reseller.Id:N}:{pricing.Key}:{query.Search}\u001f{query.VendorId}\u001f{query.Category}\u001f{query.Page}";
        return await cache.GetAsync(key, async () =>
            (await Catalog.SearchAsync(pricing, query, ct), pricing.Books.SelectMany(Tags).Append(ChangeTags.Catalog)));
    }

    private StorefrontCatalog Catalog => services.GetRequiredService<StorefrontCatalog>();

    private IEnumerable<string> Tags(PriceBook book) =>
        book.IsMaster ? [ChangeTags.Reseller(storefront.Reseller.Id)] : [ChangeTags.Reseller(storefront.Reseller.Id), ChangeTags.PriceBook(book.Id)];
}
