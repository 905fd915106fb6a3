using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.ProviderSandbox;

/// <summary>A cart the provider sandbox holds for a tenant until it is checked out (once: a second checkout answers the same order).</summary>
[SharedAcrossTenants("The sandbox stands in for Microsoft, which knows every reseller's customers.")]
public sealed class SandboxCart
{
    public Guid Id { get; init; }

    public Guid TenantId { get; init; }

    /// <summary>The MS-RequestId that created it: the same request again answers the same cart.</summary>
    public Guid RequestId { get; init; }

    /// <summary>The cart's line items, as Partner Center's JSON.</summary>
    public string LineItems { get; init; } = "[]";

    public Guid? OrderId { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A subscription as the provider sandbox keeps it: what was bought, how many, its status and renewal.</summary>
[SharedAcrossTenants("The sandbox stands in for Microsoft, which knows every reseller's customers.")]
public sealed class SandboxSubscription
{
    public Guid Id { get; init; }

    public Guid TenantId { get; init; }

    public Guid OrderId { get; init; }

    public int LineNumber { get; init; }

    public string OfferId { get; init; } = "";

    public int Quantity { get; set; }

    /// <summary>"active", "suspended" or "deleted" (cancelled).</summary>
    public string Status { get; set; } = "active";

    public bool AutoRenew { get; set; } = true;

    public string BillingCycle { get; init; } = "";

    public string TermDuration { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset CommitmentEnd { get; init; }
}

internal sealed class SandboxOrderConfiguration : IEntityTypeConfiguration<SandboxCart>, IEntityTypeConfiguration<SandboxSubscription>
{
    public void Configure(EntityTypeBuilder<SandboxCart> b)
    {
        b.ToTable("sandbox_carts");
        b.HasIndex(c => c.RequestId).IsUnique();
        b.Property(c => c.LineItems).HasColumnType("jsonb");
    }

    public void Configure(EntityTypeBuilder<SandboxSubscription> b)
    {
        b.ToTable("sandbox_subscriptions");
        b.HasIndex(s => new { s.TenantId, s.OrderId });
        b.Property(s => s.OfferId).HasMaxLength(64);
        b.Property(s => s.Status).HasMaxLength(12);
        b.Property(s => s.BillingCycle).HasMaxLength(12);
        b.Property(s => s.TermDuration).HasMaxLength(3);
    }
}
