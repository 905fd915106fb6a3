using IonPortal.Core.Accounts;
using IonPortal.Core.Resellers;
using IonPortal.Core.Tenancy;
using IonPortal.Web.Account;
using IonPortal.Web.Caching;

namespace IonPortal.Web.Tenancy;

/// <summary>
/// The one place that decides who a request acts as and for which reseller: on a storefront, the
/// reseller named by <c>accountName</c> (unknown names answer 404); elsewhere, the signed-in staff member's.
/// </summary>
public sealed class TenantResolution(RequestDelegate next)
{
    /// <summary>Set on a 404 for an unknown storefront, so the not-found page can say what was missing.</summary>
    public sealed record UnknownStorefront(string? AccountName);

    // The directory (and its DbContext) is resolved only when the cache misses: the reseller behind a
    // nickname or a staff session is read from memory, and most storefront requests never need a database connection.
    public async Task InvokeAsync(HttpContext context, TenantContext tenant, CurrentActor actor, CurrentReseller current, Storefront storefront, StorefrontCache cache)
    {
        actor.ActAs(context.User.Identity?.IsAuthenticated == true
            ? Actor.Person(context.User.GetUserId(), context.User.GetGreetingName(), context.User.GetRole())
            : Actor.Visitor);

        if (Storefront.IsStorefrontPath(context.Request.Path, out var whiteLabel))
        {
            var accountName = context.Request.Query[Storefront.AccountNameParameter].ToString();
            var nickname = accountName.Trim().ToLowerInvariant();
            var reseller = await cache.GetAsync($"reseller:{nickname}", async () =>
            {
                var found = await Directory(context).FindByNicknameAsync(nickname, context.RequestAborted);
                return (found, StorefrontCache.ResellerTags(found?.Id));
            });
            if (reseller is null)
            {
                context.Features.Set(new UnknownStorefront(accountName));
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            tenant.Enter(reseller.Id, reseller.Nickname);
            current.Set(reseller);
            storefront.Enter(whiteLabel);
        }
        else if (context.User.GetKind() == UserKind.Staff && context.User.GetResellerId() is { } resellerId
            && await cache.GetAsync($"reseller-id:{resellerId:N}", async () =>
            {
                var found = await Directory(context).FindAsync(resellerId, context.RequestAborted);
                return (found, StorefrontCache.ResellerTags(found?.Id));
            }) is { } reseller)
        {
            tenant.Enter(reseller.Id, reseller.Nickname);
            current.Set(reseller);
        }
        await next(context);
    }

    private static ResellerDirectory Directory(HttpContext context) => context.RequestServices.GetRequiredService<ResellerDirectory>();
}
