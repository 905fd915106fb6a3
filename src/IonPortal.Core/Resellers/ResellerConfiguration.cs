using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.Resellers;

internal sealed class ResellerConfiguration : IEntityTypeConfiguration<Reseller>
{
    public void Configure(EntityTypeBuilder<Reseller> b)
    {
        b.ToTable("resellers", t =>
        {
            t.HasCheckConstraint("ck_resellers_nickname", "nickname ~ '^[a-z0-9-]{3,30}$'");
            t.HasCheckConstraint("ck_resellers_primary_color", "primary_color ~ '^#[0-9a-fA-F]{6}$'");
            t.HasCheckConstraint("ck_resellers_accent_color", "accent_color ~ '^#[0-9a-fA-F]{6}$'");
        });
        b.Property(r => r.Nickname).HasMaxLength(Nickname.MaxLength);
        b.HasIndex(r => r.Nickname).IsUnique();
        b.Property(r => r.DisplayName).HasMaxLength(100);
        b.Property(r => r.PrimaryColor).HasMaxLength(7);
        b.Property(r => r.AccentColor).HasMaxLength(7);
        b.Property(r => r.SupportEmail).HasMaxLength(254);
        b.Property(r => r.SupportPhone).HasMaxLength(30);
        b.Property(r => r.TimeZone).HasMaxLength(64);
        b.Property(r => r.StorefrontBranding).HasConversion<string>().HasMaxLength(12);
        b.Property(r => r.PortalAreas).HasConversion<int>();
    }
}

internal sealed class FormerNicknameConfiguration : IEntityTypeConfiguration<FormerNickname>
{
    public void Configure(EntityTypeBuilder<FormerNickname> b)
    {
        b.ToTable("former_nicknames");
        b.HasKey(f => f.Nickname);
        b.HasOne<Reseller>().WithMany().HasForeignKey(f => f.ResellerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => f.ResellerId);
        b.Property(f => f.Nickname).HasMaxLength(Nickname.MaxLength);
    }
}

internal sealed class ResellerLogoConfiguration : IEntityTypeConfiguration<ResellerLogo>
{
    public void Configure(EntityTypeBuilder<ResellerLogo> b)
    {
        b.ToTable("reseller_logos");
        b.HasKey(l => l.ResellerId);
        b.HasOne<Reseller>().WithOne().HasForeignKey<ResellerLogo>(l => l.ResellerId).OnDelete(DeleteBehavior.Cascade);
        b.Property(l => l.ContentType).HasMaxLength(100);
    }
}
