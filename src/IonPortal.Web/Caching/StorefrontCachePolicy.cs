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

        // An app with interactive pages gives every page an antiforgery token (its cookie, and
        // "no-store"). A visitor's storefront page posts nothing, so it needs neither: dropping them
        // lets one rendering serve every visitor. Any other cookie keeps the page out of the cache.
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            if (headers.SetCookie.Count > 0 && headers.SetCookie.All(c => c?.StartsWith(AntiforgeryCookiePrefix, StringComparison.Ordinal) == true))
            {
                headers.SetCookie = default;
                headers.CacheControl = "no-cache";
                headers.Pragma = default;
            }
            return Task.CompletedTask;
        });

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
        var response = context.HttpContext.Response;
        // Only a plain success is worth keeping, and never one that sets a cookie.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    private const string AntiforgeryCookiePrefix = ".AspNetCore.Antiforgery";
}
