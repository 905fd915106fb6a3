using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.Data;

/// <summary>
/// A data-protection key ring entry. Keeping the keys in the database lets every web node read the
/// same cookies and reset links, and lets them survive restarts.
/// </summary>
public sealed class DataProtectionKey
{
    public int Id { get; init; }

    public string FriendlyName { get; init; } = "";

    public string Xml { get; init; } = "";
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.ToTable("data_protection_keys");
        b.Property(k => k.Id).UseIdentityAlwaysColumn();
        b.Property(k => k.FriendlyName).HasMaxLength(200);
    }
}
