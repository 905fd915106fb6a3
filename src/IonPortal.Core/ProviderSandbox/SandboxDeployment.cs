using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.ProviderSandbox;

/// <summary>A template deployment as the provider sandbox's Azure keeps it: by name per tenant, so deploying a name again finds it.</summary>
[SharedAcrossTenants("The sandbox stands in for Azure, which knows every reseller's customers.")]
public sealed class SandboxDeployment
{
    public Guid Id { get; init; }

    public Guid TenantId { get; init; }

    public string Name { get; init; } = "";

    public string Template { get; init; } = "";

    /// <summary>The deployment's parameters, as JSON.</summary>
    public string Parameters { get; init; } = "{}";

    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class SandboxDeploymentConfiguration : IEntityTypeConfiguration<SandboxDeployment>
{
    public void Configure(EntityTypeBuilder<SandboxDeployment> b)
    {
        b.ToTable("sandbox_deployments");
        b.HasIndex(d => new { d.TenantId, d.Name }).IsUnique();
        b.Property(d => d.Name).HasMaxLength(64);
        b.Property(d => d.Template).HasMaxLength(40);
        b.Property(d => d.Parameters).HasColumnType("jsonb");
    }
}
