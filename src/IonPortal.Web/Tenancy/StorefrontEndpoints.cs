using IonPortal.Core.Storefronts;
using IonPortal.Web.Caching;
using IonPortal.Web.Components.Storefront;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IonPortal.Web.Tenancy;

public static class StorefrontEndpoints
{
    /// <summary>
    /// The catalog's results alone, for htmx as a visitor types or picks a filter. The browser's
    /// address follows (HX-Push-Url), so the page can be bookmarked and works without JavaScript.
    /// </summary>
    public static void MapStorefrontEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in new[] { Storefront.WhiteLabelPrefix, Storefront.PlatformPrefix })
        {
            app.MapGet($"{prefix}/catalog/results", async Task<RazorComponentResult<CatalogResultsView>> (
                    HttpContext http, Storefront storefront, StorefrontPricing pricing,
                    string? q, string? vendor, string? category, int? page) =>
                {
                    var query = CatalogQueries.From(q, vendor, category, page ?? 1);
                    var results = await pricing.SearchAsync(query);
                    http.Response.Headers["HX-Push-Url"] = storefront.Url("catalog", CatalogQueries.ToParameters(query));
                    return new RazorComponentResult<CatalogResultsView>(new { Results = results, Query = query });
                })
                .CacheOutput(StorefrontCachePolicy.Name);
        }
    }
}
