using IonPortal.Core.Data;
using IonPortal.Core.Pricing;
using IonPortal.Core.Resellers;
using IonPortal.Core.SupportPlans;
using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.Approvals;

/// <summary>
/// Whether and how visitors can open an account on a reseller's storefront, and the defaults a
/// new customer gets when sign-ups are approved automatically.
/// </summary>
public sealed class SignUpSettings : ITenantOwned, IChangeTagged
{
    public Guid ResellerId { get; init; }

    public bool AllowSignUp { get; set; }

    public bool RequireEmailConfirmation { get; set; } = true;

    public bool RequireAddress { get; set; } = true;

    /// <summary>Terms a visitor must accept to sign up; none when empty.</summary>
    public string? TermsText { get; set; }

    /// <summary>Creates the customer at once, with the defaults below, instead of queueing the sign-up.</summary>
    public bool AutoApprove { get; set; }

    /// <summary>When not empty, only emails of these domains may sign up.</summary>
    public List<string> AllowedDomains { get; set; } = [];

    /// <summary>Emails of these domains may never sign up (checked first).</summary>
    public List<string> BlockedDomains { get; set; } = [];

    public Guid? DefaultPriceBookId { get; set; }

    public Guid? DefaultSupportPlanId { get; set; }

    /// <summary>The providers a new customer is authorized for, priced by the default book.</summary>
    public List<string> DefaultProviders { get; set; } = [];

    public bool DefaultEnabledInPortal { get; set; } = true;

    public DateTimeOffset UpdatedAt { get; set; }

    IEnumerable<string> IChangeTagged.ChangeTags => [ChangeTags.Reseller(ResellerId)];

    /// <summary>Whether an email may sign up under the domain lists (case-insensitive; block-list wins).</summary>
    public bool AcceptsEmail(string email)
    {
        var domain = email[(email.LastIndexOf('@') + 1)..].Trim().ToLowerInvariant();
        if (BlockedDomains.Any(d => Matches(domain, d)))
            return false;
        return AllowedDomains.Count == 0 || AllowedDomains.Any(d => Matches(domain, d));
    }

    /// <summary>"contoso.com" matches contoso.com and its subdomains, such as mail.contoso.com.</summary>
    private static bool Matches(string domain, string listed)
    {
        var entry = listed.Trim().TrimStart('@').ToLowerInvariant();
        return entry.Length > 0 && (domain == entry || domain.EndsWith("." + entry, StringComparison.Ordinal));
    }
}

internal sealed class SignUpSettingsConfiguration : IEntityTypeConfiguration<SignUpSettings>
{
    public void Configure(EntityTypeBuilder<SignUpSettings> b)
    {
        b.ToTable("sign_up_settings");
        b.HasKey(s => s.ResellerId);
        b.HasOne<Reseller>().WithOne().HasForeignKey<SignUpSettings>(s => s.ResellerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PriceBook>().WithMany().HasForeignKey(s => s.DefaultPriceBookId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SupportPlan>().WithMany().HasForeignKey(s => s.DefaultSupportPlanId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.TermsText).HasMaxLength(10000);
    }
}
