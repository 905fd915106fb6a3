using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.ProviderSandbox;

/// <summary>
/// A Microsoft tenant as the provider sandbox keeps it (Development and tests only): its initial
/// domain is unique across every reseller, as in Azure AD. No password is kept: the sandbox derives
/// the first admin's from the request, so none reaches the database.
/// </summary>
[SharedAcrossTenants("The sandbox stands in for Microsoft, which knows every reseller's customers.")]
public sealed class SandboxTenant
{
    public Guid Id { get; init; }

    /// <summary>The initial domain, lower case: contoso.onmicrosoft.com.</summary>
    public string Domain { get; init; } = "";

    /// <summary>A custom domain the customer verified (contoso.com), if any.</summary>
    public string? PrimaryDomain { get; init; }

    public string CompanyName { get; init; } = "";

    public string Country { get; init; } = "";

    /// <summary>The MS-RequestId that created it (the same request again answers the same tenant); null for a tenant that existed before.</summary>
    public Guid? RequestId { get; init; }

    /// <summary>Whether the tenant has the partner as its reseller: created by it, or its global admin accepted the relationship invitation.</summary>
    public bool IsPartnersCustomer { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class SandboxTenantConfiguration : IEntityTypeConfiguration<SandboxTenant>
{
    public void Configure(EntityTypeBuilder<SandboxTenant> b)
    {
        b.ToTable("sandbox_tenants");
        b.Property(t => t.Domain).HasMaxLength(253);
        b.Property(t => t.CompanyName).HasMaxLength(200);
        b.Property(t => t.Country).HasMaxLength(2);
        b.HasIndex(t => t.Domain).IsUnique();
        b.HasIndex(t => t.RequestId).IsUnique();
        b.HasIndex(t => t.PrimaryDomain).IsUnique();
        b.Property(t => t.PrimaryDomain).HasMaxLength(253);
    }
}
