using System.Text;
using IonPortal.Core.Accounts;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Messaging;
using IonPortal.Core.Resellers;
using IonPortal.Web.Localization;
using IonPortal.Web.Messaging;
using IonPortal.Web.Tenancy;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Account;

/// <summary>
/// The invitation, welcome and password-reset emails. Console people get platform-branded links to
/// <c>/account/...</c>; customers' people get their reseller's branding, storefront links and their
/// company's language.
/// </summary>
internal sealed class AccountMail(EmailRenderer renderer, EmailOutbox outbox, PortalLinks links, ResellerDirectory resellers, PortalDbContext db, IStringLocalizer<Ui> L) : IAccountMail
{
    public async Task QueueInvitationAsync(PortalUser user, string invitationToken, CancellationToken ct)
    {
        var place = await PlaceOfAsync(user, ct);
        using var language = Cultures.Use(place.Language);
        var content = new EmailContent(
            place.Brand,
            L["You have been invited to {0}", place.Name],
            L["Choose your password"],
            [L["You now have access to {0}. Choose a password to sign in with {1}.", place.Name, user.Email!]],
            L["Choose a password"],
            links.Absolute(place.Page("accept-invitation", user, invitationToken)),
            L["The link works once and expires in 7 days."]);
        outbox.Queue(await renderer.RenderAsync(user.Email!, content, user.ResellerId));
    }

    public async Task QueueWelcomeAsync(PortalUser user, CancellationToken ct)
    {
        var place = await PlaceOfAsync(user, ct);
        using var language = Cultures.Use(place.Language);
        var content = new EmailContent(
            place.Brand,
            L["Welcome to {0}", place.Name],
            L["Your account is ready"],
            [L["You now have access to {0} as {1}.", place.Name, user.Email!], L["To sign in the first time, choose your password with \"Forgot your password?\" on the sign-in page."]],
            L["Go to the sign-in page"],
            links.Absolute(place.SignIn));
        outbox.Queue(await renderer.RenderAsync(user.Email!, content, user.ResellerId));
    }

    public async Task QueuePasswordResetAsync(PortalUser user, string resetToken, CancellationToken ct)
    {
        var place = await PlaceOfAsync(user, ct);
        using var language = Cultures.Use(place.Language);
        var content = new EmailContent(
            place.Brand,
            L["Reset your password for {0}", place.Name],
            L["Reset your password"],
            [L["Someone asked to reset the password for {0} at {1}.", user.Email!, place.Name]],
            L["Choose a new password"],
            links.Absolute(place.Page("reset-password", user, resetToken)),
            L["The link works once and expires in 3 hours. If you didn't ask for it, ignore this email: your password stays as it is."]);
        outbox.Queue(await renderer.RenderAsync(user.Email!, content, user.ResellerId));
    }

    /// <summary>Where the person signs in (the console, or their reseller's storefront) and in which language.</summary>
    private async Task<Place> PlaceOfAsync(PortalUser user, CancellationToken ct)
    {
        var reseller = user.ResellerId is { } id ? await resellers.FindAsync(id, ct) : null;
        if (user.Kind == UserKind.Customer && reseller is not null)
        {
            // Customer users are emailed while their reseller's unit of work runs, so their company is in reach.
            var language = await db.Set<Customer>().Where(c => c.Id == user.CustomerId).Select(c => c.PreferredLanguage).FirstOrDefaultAsync(ct);
            return new Place(new EmailBrand(reseller.DisplayName, reseller.PrimaryColor), reseller.DisplayName,
                $"{Storefront.WhiteLabelPrefix}/{{0}}?{Storefront.AccountNameParameter}={reseller.Nickname}&", language);
        }
        return user.Kind == UserKind.Staff && reseller is not null
            ? new Place(EmailBrand.Platform, L["the {0} console on IonPortal", reseller.DisplayName], "/account/{0}?", null)
            : new Place(EmailBrand.Platform, "IonPortal", "/account/{0}?", null);
    }

    private sealed record Place(EmailBrand Brand, string Name, string PageFormat, string? Language)
    {
        public string Page(string page, PortalUser user, string token) =>
            string.Format(System.Globalization.CultureInfo.InvariantCulture, PageFormat, page)
            + $"user={user.Id:N}&code={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token))}";

        public string SignIn => string.Format(System.Globalization.CultureInfo.InvariantCulture, PageFormat, "signin").TrimEnd('?', '&');
    }
}
