using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.ProviderSandbox;

/// <summary>A user of a tenant, as the provider sandbox keeps it (no password: it is shown once when created).</summary>
[SharedAcrossTenants("The sandbox stands in for Microsoft, which knows every reseller's customers.")]
public sealed class SandboxUser
{
    public Guid Id { get; init; }

    public Guid TenantId { get; init; }

    /// <summary>Lower case, unique across tenants: ana@contoso.onmicrosoft.com.</summary>
    public string UserPrincipalName { get; init; } = "";

    public string FirstName { get; init; } = "";

    public string LastName { get; init; } = "";

    public string DisplayName { get; init; } = "";

    public string UsageLocation { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A licence of a SKU (the offer a subscription bought) assigned to a user.</summary>
[SharedAcrossTenants("The sandbox stands in for Microsoft, which knows every reseller's customers.")]
public sealed class SandboxLicence
{
    public Guid UserId { get; init; }

    public string SkuId { get; init; } = "";

    public Guid TenantId { get; init; }

    public DateTimeOffset AssignedAt { get; init; }
}

internal sealed class SandboxUserConfiguration : IEntityTypeConfiguration<SandboxUser>, IEntityTypeConfiguration<SandboxLicence>
{
    public void Configure(EntityTypeBuilder<SandboxUser> b)
    {
        b.ToTable("sandbox_users");
        b.HasIndex(u => u.UserPrincipalName).IsUnique();
        b.HasIndex(u => u.TenantId);
        b.Property(u => u.UserPrincipalName).HasMaxLength(254);
        b.Property(u => u.FirstName).HasMaxLength(64);
        b.Property(u => u.LastName).HasMaxLength(64);
        b.Property(u => u.DisplayName).HasMaxLength(130);
        b.Property(u => u.UsageLocation).HasMaxLength(2);
    }

    public void Configure(EntityTypeBuilder<SandboxLicence> b)
    {
        b.ToTable("sandbox_licences");
        b.HasKey(l => new { l.UserId, l.SkuId });
        b.HasIndex(l => new { l.TenantId, l.SkuId });
        b.Property(l => l.SkuId).HasMaxLength(64);
        b.HasOne<SandboxUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
