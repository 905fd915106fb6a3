using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.Catalog;

internal sealed class VendorConfiguration : IEntityTypeConfiguration<Vendor>
{
    public void Configure(EntityTypeBuilder<Vendor> b)
    {
        b.ToTable("vendors");
        b.Property(v => v.Name).HasMaxLength(80);
        b.Property(v => v.Website).HasMaxLength(200);
        b.HasIndex(v => v.Name).IsUnique();
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("products");
        b.HasOne(p => p.Vendor).WithMany().HasForeignKey(p => p.VendorId).OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.Name).HasMaxLength(120);
        b.Property(p => p.Category).HasMaxLength(60);
        b.Property(p => p.ShortDescription).HasMaxLength(300);
        b.Property(p => p.Description).HasMaxLength(4000);
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Provider).HasMaxLength(20);
        b.HasIndex(p => new { p.VendorId, p.Name }).IsUnique();
        b.HasIndex(p => new { p.VendorId, p.ExternalId }).IsUnique();
        b.Property(p => p.ExternalId).HasMaxLength(20);
        b.HasIndex(p => p.Category);
        b.HasIndex(p => p.Name);
        b.HasMany(p => p.Plans).WithOne(p => p.Product).HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> b)
    {
        b.ToTable("plans");
        b.Property(p => p.Sku).HasMaxLength(40);
        b.HasIndex(p => p.Sku).IsUnique();
        b.HasIndex(p => p.ProductId);
        b.Property(p => p.Name).HasMaxLength(120);
        b.Property(p => p.Term).HasConversion<string>().HasMaxLength(3);
        b.Property(p => p.Billing).HasConversion<string>().HasMaxLength(10);
        b.Property(p => p.Unit).HasMaxLength(40);
        b.Ignore(p => p.IsPurchasable);
        b.HasMany(p => p.Prices).WithOne().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanPriceConfiguration : IEntityTypeConfiguration<PlanPrice>
{
    public void Configure(EntityTypeBuilder<PlanPrice> b)
    {
        b.ToTable("plan_prices", t =>
        {
            t.HasCheckConstraint("ck_plan_prices_amounts", "cost >= 0 AND list_price >= 0");
            t.HasCheckConstraint("ck_plan_prices_currency", "currency IN ('USD', 'CAD', 'MXN', 'BRL', 'COP', 'EUR')");
        });
        b.HasKey(p => new { p.PlanId, p.Currency });
        b.Property(p => p.Currency).HasMaxLength(3);
        b.Property(p => p.Cost).HasPrecision(18, 2);
        b.Property(p => p.ListPrice).HasPrecision(18, 2);
    }
}

internal sealed class PlanUpgradeConfiguration : IEntityTypeConfiguration<PlanUpgrade>
{
    public void Configure(EntityTypeBuilder<PlanUpgrade> b)
    {
        b.ToTable("plan_upgrades", t => t.HasCheckConstraint("ck_plan_upgrades_distinct", "from_plan_id <> to_plan_id"));
        b.HasKey(u => new { u.FromPlanId, u.ToPlanId });
        b.HasOne<Plan>().WithMany().HasForeignKey(u => u.FromPlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Plan>().WithMany().HasForeignKey(u => u.ToPlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
