using IonPortal.Core.Accounts;
using IonPortal.Core.Resellers;
using IonPortal.Core.Tenancy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace IonPortal.Web.Tenancy;

/// <summary>
/// The one place that decides who a request acts as and for which reseller: on a storefront, the
/// reseller named by <c>accountName</c> (unknown names answer 404), and a signed-in person only if
/// they are a customer of it; elsewhere, the signed-in staff member's reseller.
/// </summary>
public sealed class TenantResolution(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, PortalSession session, TenantContext tenant, CurrentActor actor, ResellerLookup resellers)
    {
        var user = SessionUser.From(context.User);
        var request = context.Request;
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}";
        // An error page shown for a request keeps that request's reseller and storefront.
        var reExecuted = context.Features.Get<IStatusCodeReExecuteFeature>();
        var path = reExecuted is null ? request.Path : new PathString(reExecuted.OriginalPath);
        if (Storefront.IsStorefrontPath(path, out var whiteLabel))
        {
            var accountName = reExecuted is null
                ? request.Query[Storefront.AccountNameParameter].ToString()
                : QueryHelpers.ParseQuery(reExecuted.OriginalQueryString).GetValueOrDefault(Storefront.AccountNameParameter).ToString();
            var reseller = await resellers.ByNicknameAsync(accountName, context.RequestAborted);
            if (reExecuted is null && HttpMethods.IsGet(request.Method) && RedirectFor(request, path, whiteLabel, reseller, reseller is null ? await resellers.ByFormerNicknameAsync(accountName, context.RequestAborted) : null) is { } moved)
            {
                context.Response.Redirect(moved);
                return;
            }
            session.BeginStorefront(reseller, accountName, whiteLabel, user, Actor.Visitor, baseUrl);
            if (reseller is null)
            {
                actor.ActAs(Actor.Visitor);
                if (reExecuted is null)
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                else
                    await next(context);
                return;
            }
            tenant.Enter(reseller.Id, reseller.Nickname);
        }
        else if (user is { Kind: UserKind.Staff, ResellerId: { } resellerId } && await resellers.ByIdAsync(resellerId, context.RequestAborted) is { } reseller)
        {
            session.Begin(reseller, user, null, user.Actor, baseUrl);
            tenant.Enter(reseller.Id, reseller.Nickname);
        }
        else
        {
            session.Begin(null, user, null, user?.Actor ?? Actor.Visitor, baseUrl);
        }
        actor.ActAs(session.Work.Actor);
        await next(context);
    }

    /// <summary>
    /// Where a storefront address now lives: under the reseller's new nickname when it was renamed
    /// (old links keep working), or on the marketplace when the reseller chose platform branding.
    /// </summary>
    private static string? RedirectFor(HttpRequest request, PathString path, bool whiteLabel, Reseller? reseller, Reseller? renamed)
    {
        var target = reseller ?? renamed;
        if (target is null || (renamed is null && (!whiteLabel || target.StorefrontBranding == StorefrontBranding.WhiteLabel)))
            return null;
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query[Storefront.AccountNameParameter] = target.Nickname;
        var prefix = whiteLabel && target.StorefrontBranding == StorefrontBranding.Platform ? Storefront.PlatformPrefix : null;
        var rest = prefix is null ? path.Value! : prefix + path.Value![Storefront.WhiteLabelPrefix.Length..];
        return QueryHelpers.AddQueryString(request.PathBase + rest, query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))));
    }
}
