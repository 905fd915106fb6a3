using IonPortal.Core;
using IonPortal.Core.Resellers;
using IonPortal.Web.Tenancy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace IonPortal.Web.Account;

/// <summary>The small form posts and files that are not pages: sign-out, language, logos.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/signout", async (PortalSignIn signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/signin");
        }).RequireValidAntiforgeryToken();

        foreach (var prefix in new[] { Storefront.WhiteLabelPrefix, Storefront.PlatformPrefix })
        {
            app.MapPost($"{prefix}/signout", async (PortalSignIn signIn, Storefront storefront) =>
            {
                await signIn.SignOutAsync();
                return Results.LocalRedirect(storefront.Url("catalog"));
            }).RequireValidAntiforgeryToken();
        }

        // The language switch in every layout: remembered in a cookie for a year.
        app.MapGet("/culture", (HttpContext context, string? culture, string? returnUrl) =>
        {
            if (Languages.IsSupported(culture))
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax, HttpOnly = true });
            }
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        });

        // Logo URLs carry the upload time (?v=), so a logo can be cached for good.
        app.MapGet("/branding/{nickname}/logo", async (string nickname, ResellerDirectory resellers, HttpContext context) =>
        {
            var reseller = await resellers.FindByNicknameAsync(nickname);
            var logo = reseller is null ? null : await resellers.FindLogoAsync(reseller.Id);
            if (logo is null)
                return Results.NotFound();
            context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
            context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";   // an image, whatever a browser might guess
            return Results.File(logo.Content, logo.ContentType);
        });
    }

    /// <summary>
    /// For form posts that bind no fields (sign-out): the antiforgery middleware only records
    /// whether the token was valid; endpoints that don't bind a form must refuse a bad one themselves.
    /// </summary>
    public static RouteHandlerBuilder RequireValidAntiforgeryToken(this RouteHandlerBuilder endpoint) =>
        endpoint
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AddEndpointFilter(async (context, next) =>
                context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
                    ? Results.Problem(title: "The form's antiforgery token is missing or invalid. Reload the page and try again.", statusCode: StatusCodes.Status400BadRequest)
                    : await next(context));

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
