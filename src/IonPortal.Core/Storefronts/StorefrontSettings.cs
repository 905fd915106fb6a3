using IonPortal.Core.Catalog;
using IonPortal.Core.Data;
using IonPortal.Core.Pricing;
using IonPortal.Core.Resellers;
using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.Storefronts;

/// <summary>
/// How a reseller's storefront prices the catalog for visitors: with one of its price books, or
/// (until it has one) with list prices in <see cref="Currency"/>.
/// </summary>
public sealed class StorefrontSettings : ITenantOwned, IChangeTagged
{
    public Guid ResellerId { get; init; }

    public Guid? PriceBookId { get; set; }

    /// <summary>The currency of list prices when no price book is chosen.</summary>
    public string Currency { get; set; } = "USD";

    public DateTimeOffset UpdatedAt { get; set; }

    IEnumerable<string> IChangeTagged.ChangeTags => [ChangeTags.Reseller(ResellerId)];
}

/// <summary>A vendor whose products the reseller shows on its storefront.</summary>
public sealed class StorefrontVendor : ITenantOwned, IChangeTagged
{
    public Guid ResellerId { get; init; }

    public Guid VendorId { get; init; }

    IEnumerable<string> IChangeTagged.ChangeTags => [ChangeTags.Reseller(ResellerId)];
}

/// <summary>A product of a shown vendor that the reseller keeps off its storefront.</summary>
public sealed class HiddenProduct : ITenantOwned, IChangeTagged
{
    public Guid ResellerId { get; init; }

    public Guid ProductId { get; init; }

    IEnumerable<string> IChangeTagged.ChangeTags => [ChangeTags.Reseller(ResellerId)];
}

internal sealed class StorefrontConfiguration :
    IEntityTypeConfiguration<StorefrontSettings>, IEntityTypeConfiguration<StorefrontVendor>, IEntityTypeConfiguration<HiddenProduct>
{
    public void Configure(EntityTypeBuilder<StorefrontSettings> b)
    {
        b.ToTable("storefront_settings", t => t.HasCheckConstraint("ck_storefront_settings_currency", "currency IN ('USD', 'CAD', 'MXN', 'BRL', 'COP', 'EUR')"));
        b.HasKey(s => s.ResellerId);
        b.HasOne<Reseller>().WithOne().HasForeignKey<StorefrontSettings>(s => s.ResellerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PriceBook>().WithMany().HasForeignKey(s => s.PriceBookId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.Currency).HasMaxLength(3);
    }

    public void Configure(EntityTypeBuilder<StorefrontVendor> b)
    {
        b.ToTable("storefront_vendors");
        b.HasKey(v => new { v.ResellerId, v.VendorId });
        b.HasOne<Reseller>().WithMany().HasForeignKey(v => v.ResellerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Vendor>().WithMany().HasForeignKey(v => v.VendorId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<HiddenProduct> b)
    {
        b.ToTable("storefront_hidden_products");
        b.HasKey(h => new { h.ResellerId, h.ProductId });
        b.HasOne<Reseller>().WithMany().HasForeignKey(h => h.ResellerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Product>().WithMany().HasForeignKey(h => h.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
