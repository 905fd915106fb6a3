using System.Globalization;
using IonPortal.Core.Data;
using IonPortal.Web.Tenancy;
using Microsoft.AspNetCore.OutputCaching;

namespace IonPortal.Web.Caching;

/// <summary>
/// Output caching for storefront pages seen by visitors: one entry per reseller, price book,
/// language and query, tagged so that a change to the catalog, the reseller's storefront settings
/// or its price book evicts exactly the pages it could have changed. Signed-in people are never
/// served from it.
/// </summary>
public sealed class StorefrontCachePolicy : IOutputCachePolicy
{
    public const string Name = "storefront";

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var storefront = http.RequestServices.GetRequiredService<Storefront>();
        if (!storefront.IsResolved || http.User.Identity?.IsAuthenticated == true || !HttpMethods.IsGet(http.Request.Method))
        {
            context.EnableOutputCaching = false;
            return;
        }
        var book = await http.RequestServices.GetRequiredService<StorefrontPricing>().BookAsync(ct);
        var reseller = storefront.Reseller;

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = StorefrontCache.MaxAge;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["reseller"] = reseller.Id.ToString("N");
        context.CacheVaryByRules.VaryByValues["book"] = book.Key;
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
        context.Tags.Add(ChangeTags.Storefronts);
        context.Tags.Add(ChangeTags.Catalog);
        context.Tags.Add(ChangeTags.Reseller(reseller.Id));
        if (!book.IsMaster)
            context.Tags.Add(ChangeTags.PriceBook(book.Id));
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        // Only a plain success is worth keeping, and never one that sets a cookie.
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}
