using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.ProviderSandbox;

/// <summary>
/// A transfer token a Google Workspace customer created in the sandbox's Admin console, for the
/// reseller whose public id it quotes; once accepted, it answers the subscriptions it moved.
/// </summary>
[SharedAcrossTenants("The sandbox stands in for Google, which knows every reseller's customers.")]
public sealed class SandboxGoogleTransfer
{
    public string Token { get; init; } = "";

    public string Domain { get; init; } = "";

    /// <summary>The reseller's public id the customer quoted (after the distributor's).</summary>
    public string ResellerPublicId { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>The subscriptions it moved, as Google's JSON.</summary>
    public string? Subscriptions { get; set; }
}

internal sealed class SandboxGoogleTransferConfiguration : IEntityTypeConfiguration<SandboxGoogleTransfer>
{
    public void Configure(EntityTypeBuilder<SandboxGoogleTransfer> b)
    {
        b.ToTable("sandbox_google_transfers");
        b.HasKey(t => t.Token);
        b.Property(t => t.Token).HasMaxLength(64);
        b.Property(t => t.Domain).HasMaxLength(253);
        b.Property(t => t.ResellerPublicId).HasMaxLength(40);
        b.Property(t => t.Subscriptions).HasColumnType("jsonb");
    }
}
