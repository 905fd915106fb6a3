using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using IonPortal.Core.Data;
using IonPortal.Web.Tenancy;
using Microsoft.AspNetCore.OutputCaching;

namespace IonPortal.Web.Caching;

/// <summary>
/// Output caching for storefront pages: one entry per reseller, price books, language and query,
/// tagged so that a change to the catalog, the reseller's storefront settings, its price books or
/// the customer evicts exactly the pages it could have changed. Visitors share entries. A signed-in
/// customer's pages (their name, their company's prices, their sign-out form's token) are theirs
/// alone: the entry also varies by the person and by their browser's antiforgery cookie. Anyone
/// else signed in (staff looking at a storefront) is never served from it.
/// </summary>
public sealed class StorefrontCachePolicy : IOutputCachePolicy
{
    public const string Name = "storefront";

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var storefront = http.RequestServices.GetRequiredService<Storefront>();
        var session = http.RequestServices.GetRequiredService<PortalSession>();
        var signedIn = http.User.Identity?.IsAuthenticated == true;
        var antiforgeryCookie = signedIn ? http.Request.Cookies[AntiforgeryCookieName(http)] : null;
        // A customer's first page in a browser sets the antiforgery cookie, so it can't be kept yet.
        if (!storefront.IsResolved || !HttpMethods.IsGet(http.Request.Method) || signedIn && (!session.IsOwnCustomer || antiforgeryCookie is null))
        {
            context.EnableOutputCaching = false;
            return;
        }
        var pricing = await http.RequestServices.GetRequiredService<StorefrontPricing>().PricingAsync(ct);
        var reseller = storefront.Reseller;

        if (signedIn)
        {
            var person = session.User!;
            // Name and role are what the page shows of the person; a renewed sign-in with new ones gets new entries.
            context.CacheVaryByRules.VaryByValues["person"] = $"{person.Id:N}:{person.Role}:{person.Name}";
            context.CacheVaryByRules.VaryByValues["antiforgery"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(antiforgeryCookie!)));
            context.Tags.Add(ChangeTags.Customer(person.CustomerId!.Value));
            context.ResponseExpirationTimeSpan = PersonalMaxAge;
        }
        else
        {
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
            context.ResponseExpirationTimeSpan = StorefrontCache.MaxAge;
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["reseller"] = reseller.Id.ToString("N");
        context.CacheVaryByRules.VaryByValues["pricing"] = pricing.Key;
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
        context.Tags.Add(ChangeTags.Storefronts);
        context.Tags.Add(ChangeTags.Catalog);
        context.Tags.Add(ChangeTags.Reseller(reseller.Id));
        foreach (var book in pricing.Books.Where(b => !b.IsMaster))
            context.Tags.Add(ChangeTags.PriceBook(book.Id));
    }

    // A person's pages are only worth keeping while they browse; a visitor's serve everyone.
    private static readonly TimeSpan PersonalMaxAge = TimeSpan.FromMinutes(5);

    private static string AntiforgeryCookieName(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name ?? AntiforgeryCookiePrefix;

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
