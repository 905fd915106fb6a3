using IonPortal.Core.Catalog;
using IonPortal.Core.Resellers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.Pricing;

internal sealed class PriceBookConfiguration : IEntityTypeConfiguration<PriceBook>
{
    public void Configure(EntityTypeBuilder<PriceBook> b)
    {
        b.ToTable("price_books", t =>
        {
            t.HasCheckConstraint("ck_price_books_currency", "currency IN ('USD', 'CAD', 'MXN', 'BRL', 'COP', 'EUR')");
            t.HasCheckConstraint("ck_price_books_adjustment", "default_adjustment_percent > -100 AND default_adjustment_percent <= 1000");
        });
        b.HasOne<Reseller>().WithMany().HasForeignKey(p => p.ResellerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.ResellerId, p.Name }).IsUnique();
        b.Property(p => p.Name).HasMaxLength(80);
        b.Property(p => p.Currency).HasMaxLength(3);
        b.Property(p => p.Basis).HasConversion<string>().HasMaxLength(10);
        b.Property(p => p.DefaultAdjustmentPercent).HasPrecision(9, 4);
        b.Ignore(p => p.IsMaster);
        b.HasMany(p => p.Rules).WithOne().HasForeignKey(r => r.PriceBookId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PriceRuleConfiguration : IEntityTypeConfiguration<PriceRule>
{
    public void Configure(EntityTypeBuilder<PriceRule> b)
    {
        b.ToTable("price_rules", t =>
        {
            t.HasCheckConstraint("ck_price_rules_target",
                "(scope = 'Vendor' AND vendor_id IS NOT NULL AND category IS NULL AND product_id IS NULL AND plan_id IS NULL) OR " +
                "(scope = 'Category' AND vendor_id IS NULL AND category IS NOT NULL AND product_id IS NULL AND plan_id IS NULL) OR " +
                "(scope = 'Product' AND vendor_id IS NULL AND category IS NULL AND product_id IS NOT NULL AND plan_id IS NULL) OR " +
                "(scope = 'Plan' AND vendor_id IS NULL AND category IS NULL AND product_id IS NULL AND plan_id IS NOT NULL)");
            t.HasCheckConstraint("ck_price_rules_value",
                "(adjustment_percent IS NOT NULL AND fixed_price IS NULL AND adjustment_percent > -100 AND adjustment_percent <= 1000) OR " +
                "(adjustment_percent IS NULL AND fixed_price IS NOT NULL AND fixed_price >= 0 AND scope = 'Plan')");
        });
        b.Property(r => r.Scope).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.Category).HasMaxLength(60);
        b.Property(r => r.AdjustmentPercent).HasPrecision(9, 4);
        b.Property(r => r.FixedPrice).HasPrecision(18, 2);
        b.HasOne<Vendor>().WithMany().HasForeignKey(r => r.VendorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Product>().WithMany().HasForeignKey(r => r.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Plan>().WithMany().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
        // One rule per target in a book; setting it again replaces it.
        b.HasIndex([nameof(PriceRule.PriceBookId), nameof(PriceRule.VendorId)], "vendor").IsUnique().HasDatabaseName("ix_price_rules_vendor").HasFilter("scope = 'Vendor'");
        b.HasIndex([nameof(PriceRule.PriceBookId), nameof(PriceRule.Category)], "category").IsUnique().HasDatabaseName("ix_price_rules_category").HasFilter("scope = 'Category'");
        b.HasIndex([nameof(PriceRule.PriceBookId), nameof(PriceRule.ProductId)], "product").IsUnique().HasDatabaseName("ix_price_rules_product").HasFilter("scope = 'Product'");
        b.HasIndex([nameof(PriceRule.PriceBookId), nameof(PriceRule.PlanId)], "plan").IsUnique().HasDatabaseName("ix_price_rules_plan").HasFilter("scope = 'Plan'");
        b.HasIndex(r => new { r.ResellerId, r.PriceBookId });
    }
}
