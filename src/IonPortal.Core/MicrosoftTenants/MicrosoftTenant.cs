using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Resellers;
using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.MicrosoftTenants;

public enum TenantLinkState
{
    /// <summary>The reseller-relationship invitation went to the customer; its global admin hasn't accepted it yet (as far as the portal knows).</summary>
    InvitationSent,
    /// <summary>The tenant accepted the partner as its reseller and is the customer's.</summary>
    Linked,
}

/// <summary>
/// A customer's Microsoft identity (its Entra tenant), as the reseller connected it: created here
/// from a domain prefix, or an existing tenant whose global admin accepted the reseller
/// relationship. Buying Microsoft products needs it. One tenant is one customer's per reseller.
/// </summary>
public sealed class MicrosoftTenant : ITenantOwned, IChangeTagged
{
    public Guid CustomerId { get; init; }

    public Guid ResellerId { get; init; }

    public TenantLinkState State { get; private set; }

    /// <summary>True when the reseller created the tenant through the portal; false for an existing one it linked.</summary>
    public bool CreatedHere { get; private set; }

    public Guid? TenantId { get; private set; }

    /// <summary>The tenant's domain as Partner Center lists it (contoso.onmicrosoft.com or contoso.com).</summary>
    public string? Domain { get; private set; }

    /// <summary>Which Partner Center region's invitation text went out.</summary>
    public PartnerRegion? InvitationRegion { get; private set; }

    /// <summary>Where the portal emailed the invitation; null when the reseller copied it to send itself.</summary>
    public string? InvitationSentTo { get; private set; }

    public DateTimeOffset? InvitationSentAt { get; private set; }

    public DateTimeOffset? LinkedAt { get; private set; }

    IEnumerable<string> IChangeTagged.ChangeTags => [ChangeTags.Customer(CustomerId)];

    public static MicrosoftTenant For(Customer customer) => new() { CustomerId = customer.Id, ResellerId = customer.ResellerId };

    internal void InvitationWentOut(PartnerRegion region, string? sentTo, DateTimeOffset at) =>
        (State, InvitationRegion, InvitationSentTo, InvitationSentAt) = (State == TenantLinkState.Linked ? State : TenantLinkState.InvitationSent, region, sentTo, at);

    /// <summary>Records the tenant Partner Center created or lists as the partner's (the caller has checked with it).</summary>
    public void Link(Guid tenantId, string domain, bool createdHere, DateTimeOffset at) =>
        (State, TenantId, Domain, CreatedHere, LinkedAt) = (TenantLinkState.Linked, tenantId, domain, createdHere, at);
}

public static class MicrosoftTenantQueries
{
    /// <summary>The customer's tenant, when it is linked: the one place that says which tenant a purchase or a change goes to.</summary>
    public static IQueryable<MicrosoftTenant> LinkedFor(this IQueryable<MicrosoftTenant> tenants, Guid customerId) =>
        tenants.Where(t => t.CustomerId == customerId && t.State == TenantLinkState.Linked && t.TenantId != null);
}

/// <summary>
/// The Partner Center regions the distributor runs, each with its own wording of the reseller
/// relationship invitation (article 003): the customer's country picks one, the reseller may change it.
/// </summary>
public enum PartnerRegion
{
    UnitedStates,
    Canada,
    Other,
}

public static class PartnerRegions
{
    public static PartnerRegion For(string? country) => country?.ToUpperInvariant() switch
    {
        "US" => PartnerRegion.UnitedStates,
        "CA" => PartnerRegion.Canada,
        _ => PartnerRegion.Other,
    };
}

internal sealed class MicrosoftTenantConfiguration : IEntityTypeConfiguration<MicrosoftTenant>
{
    public void Configure(EntityTypeBuilder<MicrosoftTenant> b)
    {
        b.ToTable("microsoft_tenants", t =>
        {
            t.HasCheckConstraint("ck_microsoft_tenants_state", "state IN ('InvitationSent', 'Linked')");
            t.HasCheckConstraint("ck_microsoft_tenants_linked", "state <> 'Linked' OR (tenant_id IS NOT NULL AND domain IS NOT NULL)");
        });
        b.HasKey(t => t.CustomerId);
        b.HasOne<Customer>().WithOne().HasForeignKey<MicrosoftTenant>(t => t.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Reseller>().WithMany().HasForeignKey(t => t.ResellerId).OnDelete(DeleteBehavior.Restrict);
        // One tenant links to one customer per reseller (another reseller may serve it too).
        b.HasIndex(t => new { t.ResellerId, t.TenantId }).IsUnique();
        b.Property(t => t.State).HasConversion<string>().HasMaxLength(16);
        b.Property(t => t.Domain).HasMaxLength(253);
        b.Property(t => t.InvitationRegion).HasConversion<string>().HasMaxLength(16);
        b.Property(t => t.InvitationSentTo).HasMaxLength(254);
    }
}
