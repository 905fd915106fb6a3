using IonPortal.Core.Storefronts;
using IonPortal.Core.Accounts;
using IonPortal.Core.Auditing;
using IonPortal.Core.Catalog;
using IonPortal.Core.Data;
using IonPortal.Core.Pricing;
using IonPortal.Core.SupportPlans;
using IonPortal.Core.Tenancy;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Approvals;

public sealed record SignUpSettingsDraft(
    bool AllowSignUp, bool RequireEmailConfirmation, bool RequireAddress, string? TermsText, bool AutoApprove,
    string? AllowedDomains, string? BlockedDomains,
    Guid? DefaultPriceBookId, Guid? DefaultSupportPlanId, IReadOnlyList<string> DefaultProviders, bool DefaultEnabledInPortal);

/// <summary>A reseller's choices about who may sign up on its storefront and what auto-approved customers get.</summary>
public sealed class SignUpSetup(PortalDbContext db, TenantContext tenant, CurrentActor actor, AuditTrail audit, TimeProvider clock)
{
    /// <summary>Saves the settings; auto-approval needs a default price book, support plan and provider.</summary>
    /// <summary>The reseller's sign-up settings (defaults when it never set them).</summary>
    public async Task<SignUpSettings> SettingsAsync(CancellationToken ct = default) =>
        await db.Set<SignUpSettings>().AsNoTracking().FirstOrDefaultAsync(ct) ?? new SignUpSettings { ResellerId = tenant.RequiredResellerId };

    public async Task<Outcome<SignUpSettings>> SaveAsync(SignUpSettingsDraft draft, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.ManageStorefront))
            return Outcome.Forbidden(Problems.MayNotChangeStorefront);
        var errors = new FieldErrors();
        var allowed = ParseDomains(draft.AllowedDomains);
        var blocked = ParseDomains(draft.BlockedDomains);
        if (allowed is null)
            errors.Add(nameof(draft.AllowedDomains), Problems.DomainsInvalid);
        if (blocked is null)
            errors.Add(nameof(draft.BlockedDomains), Problems.DomainsInvalid);
        if (draft.TermsText?.Trim().Length > 10_000)
            errors.Add(nameof(draft.TermsText), Problems.TooLong(10_000));
        if (draft.DefaultPriceBookId is { } book && !await db.Set<PriceBook>().AnyAsync(b => b.Id == book, ct))
            errors.Add(nameof(draft.DefaultPriceBookId), Problems.BookMissing);
        else if (draft.AutoApprove && draft.DefaultPriceBookId is null)
            errors.Add(nameof(draft.DefaultPriceBookId), Problems.DefaultsRequired);
        if (draft.DefaultSupportPlanId is { } plan && !await db.Set<SupportPlan>().AnyAsync(p => p.Id == plan, ct))
            errors.Add(nameof(draft.DefaultSupportPlanId), Problems.SupportPlanMissing);
        else if (draft.AutoApprove && draft.DefaultSupportPlanId is null)
            errors.Add(nameof(draft.DefaultSupportPlanId), Problems.DefaultsRequired);
        if (draft.DefaultProviders.Any(p => !CloudProviders.IsKnown(p)))
            errors.Add(nameof(draft.DefaultProviders), Problems.ProviderUnknown);
        else if (draft.AutoApprove && draft.DefaultProviders.Count == 0)
            errors.Add(nameof(draft.DefaultProviders), Problems.ProvidersRequired);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);

        var settings = await db.Set<SignUpSettings>().FirstOrDefaultAsync(ct);
        var before = settings is null ? null : Snapshot(settings);
        if (settings is null)
            db.Add(settings = new SignUpSettings { ResellerId = tenant.RequiredResellerId });
        settings.AllowSignUp = draft.AllowSignUp;
        settings.RequireEmailConfirmation = draft.RequireEmailConfirmation;
        settings.RequireAddress = draft.RequireAddress;
        settings.TermsText = string.IsNullOrWhiteSpace(draft.TermsText) ? null : draft.TermsText.Trim();
        settings.AutoApprove = draft.AutoApprove;
        settings.AllowedDomains = allowed!;
        settings.BlockedDomains = blocked!;
        settings.DefaultPriceBookId = draft.DefaultPriceBookId;
        settings.DefaultSupportPlanId = draft.DefaultSupportPlanId;
        settings.DefaultProviders = draft.DefaultProviders.Distinct().ToList();
        settings.DefaultEnabledInPortal = draft.DefaultEnabledInPortal;
        settings.UpdatedAt = clock.GetUtcNow();
        audit.Record(AuditActions.SignUpSettings.Updated, AuditActions.SignUpSettings.Type, settings.ResellerId, before, Snapshot(settings));
        await db.SaveChangesAsync(ct);
        return settings;
    }

    /// <summary>"contoso.com, @fabrikam.com" → [contoso.com, fabrikam.com]; null when an entry isn't a domain.</summary>
    public static List<string>? ParseDomains(string? text)
    {
        var entries = (text ?? "").Split([',', ';', '\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.TrimStart('@').ToLowerInvariant())
            .ToList();
        return entries.All(DomainName.IsValid) ? entries.Distinct().ToList() : null;
    }

    private static object Snapshot(SignUpSettings s) => new
    {
        s.AllowSignUp, s.RequireEmailConfirmation, s.RequireAddress, Terms = s.TermsText is null ? null : $"{s.TermsText.Length} characters",
        s.AutoApprove, Allowed = string.Join(", ", s.AllowedDomains), Blocked = string.Join(", ", s.BlockedDomains),
        s.DefaultPriceBookId, s.DefaultSupportPlanId, Providers = string.Join(", ", s.DefaultProviders), s.DefaultEnabledInPortal,
    };
}
