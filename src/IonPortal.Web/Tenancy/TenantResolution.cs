using IonPortal.Core.Accounts;
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
}
