using IonPortal.Core.Accounts;
using IonPortal.Core.Auditing;
using IonPortal.Core.Data;
using IonPortal.Core.Tenancy;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IonPortal.Core.Resellers;

/// <summary>The reseller's account information: its name, how customers reach it, its time zone and its storefront nickname.</summary>
public sealed record AccountDraft(string? DisplayName, string? SupportEmail, string? SupportPhone, string? TimeZone, string? Nickname);

/// <summary>
/// A reseller's own settings (Owner and Admin): account information (a changed nickname keeps the
/// old storefront addresses redirecting), branding (a logo checked by its bytes and size, colours
/// that text can be read on), and what the storefront and customer portal offer.
/// </summary>
public sealed class ResellerSettings(PortalDbContext db, TenantContext tenant, CurrentActor actor, AuditTrail audit, TimeProvider clock)
{
    public const int MaxLogoBytes = 512 * 1024;

    public Task<Reseller> CurrentAsync(CancellationToken ct = default) =>
        db.Set<Reseller>().AsNoTracking().FirstAsync(r => r.Id == tenant.RequiredResellerId, ct);

    /// <summary>Whether a nickname can be the reseller's: its own (now or before), or nobody's, now or before.</summary>
    public async Task<Outcome<bool>> IsNicknameFreeAsync(string? candidate, CancellationToken ct = default)
    {
        if (!Nickname.TryParse(candidate, out var nickname, out var problem))
            return Outcome.Invalid("Nickname", problem);
        return !await TakenByOthersAsync(nickname.Value, ct);
    }

    public async Task<Outcome<Reseller>> SaveAccountAsync(AccountDraft draft, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.ManageSettings))
            return Outcome.Forbidden(Problems.MayNotChangeSettings);
        var errors = new FieldErrors();
        var displayName = draft.DisplayName?.Trim() ?? "";
        if (displayName.Length == 0)
            errors.Add(nameof(draft.DisplayName), Problems.DisplayNameRequired);
        else if (displayName.Length > 100)
            errors.Add(nameof(draft.DisplayName), Problems.TooLong(100));
        var email = draft.SupportEmail.TrimmedOrNull();
        if (email is not null && !EmailAddress.IsValid(email))
            errors.Add(nameof(draft.SupportEmail), Problems.EmailInvalid);
        var phone = draft.SupportPhone.TrimmedOrNull();
        if (phone is not null && !PhoneNumber.IsValid(phone))
            errors.Add(nameof(draft.SupportPhone), Problems.PhoneInvalid);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(draft.TimeZone ?? "", out _))
            errors.Add(nameof(draft.TimeZone), Problems.TimeZoneUnknown);
        if (!Nickname.TryParse(draft.Nickname, out var nickname, out var nicknameProblem))
            errors.Add(nameof(draft.Nickname), nicknameProblem);
        else if (await TakenByOthersAsync(nickname.Value, ct))
            errors.Add(nameof(draft.Nickname), Problems.NicknameTaken);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);

        var reseller = await db.Set<Reseller>().FirstAsync(r => r.Id == tenant.RequiredResellerId, ct);
        var before = AccountSnapshot(reseller);
        if (reseller.Nickname != nickname.Value)
        {
            // The old addresses keep working (they redirect), and going back to an old name is allowed.
            var now = clock.GetUtcNow();
            if (await db.Set<FormerNickname>().FirstOrDefaultAsync(f => f.Nickname == reseller.Nickname, ct) is { } kept)
                kept.RetiredAt = now;
            else
                db.Add(new FormerNickname { Nickname = reseller.Nickname, ResellerId = reseller.Id, RetiredAt = now });
            if (await db.Set<FormerNickname>().FirstOrDefaultAsync(f => f.Nickname == nickname.Value, ct) is { } reused)
                db.Remove(reused);
            reseller.Nickname = nickname.Value;
        }
        (reseller.DisplayName, reseller.SupportEmail, reseller.SupportPhone, reseller.TimeZone) = (displayName, email, phone, draft.TimeZone!);
        audit.Record(AuditActions.Settings.AccountChanged, AuditActions.Settings.Type, reseller.Id, before, AccountSnapshot(reseller));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Outcome.Invalid(nameof(draft.Nickname), Problems.NicknameTaken);   // taken at the same moment
        }
        return reseller;
    }

    /// <summary>The storefront's colours: each must carry readable text (white or dark) at WCAG AA contrast.</summary>
    public async Task<Outcome<Reseller>> SaveColorsAsync(string? primary, string? accent, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.ManageSettings))
            return Outcome.Forbidden(Problems.MayNotChangeSettings);
        var errors = new FieldErrors();
        foreach (var (field, colour) in new[] { ("PrimaryColor", primary), ("AccentColor", accent) })
        {
            if (!BrandColors.IsHex(colour))
                errors.Add(field, Problems.ColorInvalid);
            else if (BrandColors.ContrastOfText(colour!) < BrandColors.MinimumContrast)
                errors.Add(field, Problems.ColorLowContrast);
        }
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);
        var reseller = await db.Set<Reseller>().FirstAsync(r => r.Id == tenant.RequiredResellerId, ct);
        var before = new { reseller.PrimaryColor, reseller.AccentColor };
        (reseller.PrimaryColor, reseller.AccentColor) = (primary!.ToLowerInvariant(), accent!.ToLowerInvariant());
        audit.Record(AuditActions.Settings.BrandingChanged, AuditActions.Settings.Type, reseller.Id, before, new { reseller.PrimaryColor, reseller.AccentColor });
        await db.SaveChangesAsync(ct);
        return reseller;
    }

    /// <summary>A new logo: a PNG, JPEG or WebP image (told by its bytes, whatever its name says) of at most 512 KB.</summary>
    public async Task<Outcome<Reseller>> SaveLogoAsync(byte[] content, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.ManageSettings))
            return Outcome.Forbidden(Problems.MayNotChangeSettings);
        if (content.Length > MaxLogoBytes)
            return Outcome.Invalid("Logo", Problems.LogoTooLarge);
        if (ImageType(content) is not { } contentType)
            return Outcome.Invalid("Logo", Problems.LogoNotAnImage);
        var reseller = await db.Set<Reseller>().FirstAsync(r => r.Id == tenant.RequiredResellerId, ct);
        var logo = await db.Set<ResellerLogo>().FirstOrDefaultAsync(l => l.ResellerId == reseller.Id, ct);
        if (logo is null)
            db.Add(logo = new ResellerLogo { ResellerId = reseller.Id });
        (logo.ContentType, logo.Content) = (contentType, content);
        reseller.LogoUpdatedAt = clock.GetUtcNow();
        audit.Record(AuditActions.Settings.LogoChanged, AuditActions.Settings.Type, reseller.Id, null, new { ContentType = contentType, Bytes = content.Length });
        await db.SaveChangesAsync(ct);
        return reseller;
    }

    public async Task<Outcome<Reseller>> SaveStorefrontAsync(bool enabled, StorefrontBranding branding, PortalAreas areas, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.ManageSettings))
            return Outcome.Forbidden(Problems.MayNotChangeSettings);
        if (!Enum.IsDefined(branding) || (areas & ~PortalAreas.All) != 0)
            return Outcome.Invalid("Areas", Problems.PortalAreasInvalid);
        // Without a storefront there is nothing to browse or buy.
        if (!enabled)
            areas &= ~(PortalAreas.Catalog | PortalAreas.Purchasing);
        var reseller = await db.Set<Reseller>().FirstAsync(r => r.Id == tenant.RequiredResellerId, ct);
        var before = StorefrontSnapshot(reseller);
        (reseller.StorefrontEnabled, reseller.StorefrontBranding, reseller.PortalAreas) = (enabled, branding, areas);
        audit.Record(AuditActions.Settings.StorefrontChanged, AuditActions.Settings.Type, reseller.Id, before, StorefrontSnapshot(reseller));
        await db.SaveChangesAsync(ct);
        return reseller;
    }

    /// <summary>The image type its first bytes say (PNG, JPEG, WebP); null for anything else, an SVG with its scripts included.</summary>
    public static string? ImageType(ReadOnlySpan<byte> content) => content switch
    {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        _ => null,
    };

    private async Task<bool> TakenByOthersAsync(string nickname, CancellationToken ct) =>
        await db.Set<Reseller>().AnyAsync(r => r.Nickname == nickname && r.Id != tenant.RequiredResellerId, ct)
        || await db.Set<FormerNickname>().AnyAsync(f => f.Nickname == nickname && f.ResellerId != tenant.RequiredResellerId, ct);

    private static object AccountSnapshot(Reseller r) => new { r.DisplayName, r.SupportEmail, r.SupportPhone, r.TimeZone, r.Nickname };

    private static object StorefrontSnapshot(Reseller r) => new { r.StorefrontEnabled, Branding = r.StorefrontBranding.ToString(), Areas = r.PortalAreas.ToString() };
}
