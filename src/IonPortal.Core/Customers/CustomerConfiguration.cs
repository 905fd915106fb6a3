using IonPortal.Core.Pricing;
using IonPortal.Core.Resellers;
using IonPortal.Core.SupportPlans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.Customers;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.ToTable("customers", t =>
        {
            t.HasCheckConstraint("ck_customers_status", "status IN ('Pending', 'Active', 'Suspended')");
            t.HasCheckConstraint("ck_customers_language", "preferred_language IN ('en', 'es')");
        });
        b.HasOne<Reseller>().WithMany().HasForeignKey(c => c.ResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PriceBook>().WithMany().HasForeignKey(c => c.PriceBookId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SupportPlan>().WithMany().HasForeignKey(c => c.SupportPlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.ResellerId, c.CompanyName });
        b.HasIndex(c => new { c.ResellerId, c.Status });
        b.HasIndex(c => new { c.ResellerId, c.ContactLastName, c.ContactFirstName }).HasDatabaseName("ix_customers_reseller_id_contact");
        b.HasIndex(c => new { c.ResellerId, c.CreatedAt });
        b.Property(c => c.CompanyName).HasMaxLength(200);
        b.Property(c => c.Domain).HasMaxLength(200);
        b.Property(c => c.ContactFirstName).HasMaxLength(100);
        b.Property(c => c.ContactLastName).HasMaxLength(100);
        b.Property(c => c.ContactEmail).HasMaxLength(254);
        b.Property(c => c.ContactPhone).HasMaxLength(30);
        b.Property(c => c.ContactTitle).HasMaxLength(100);
        b.Property(c => c.Street).HasMaxLength(200);
        b.Property(c => c.City).HasMaxLength(200);
        b.Property(c => c.State).HasMaxLength(100);
        b.Property(c => c.PostalCode).HasMaxLength(20);
        b.Property(c => c.Country).HasMaxLength(2);
        b.Property(c => c.PreferredLanguage).HasMaxLength(2);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(c => c.Currency).HasMaxLength(3);
        b.Ignore(c => c.Contact);
        b.Ignore(c => c.Address);
        b.Ignore(c => c.ContactName);
        // Customer search matches anywhere in these, fast at any size thanks to a trigram index
        // that also holds the reseller (btree_gin), so one index answers the tenant's search.
        b.Property(c => c.SearchText)
            .HasComputedColumnSql("lower(company_name || ' ' || contact_first_name || ' ' || contact_last_name || ' ' || contact_email || ' ' || coalesce(domain, ''))", stored: true);
        b.HasIndex(c => new { c.ResellerId, c.SearchText }).HasMethod("gin").HasOperators("", "gin_trgm_ops").HasDatabaseName("ix_customers_reseller_search");
        b.HasMany(c => c.Authorizations).WithOne().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProviderAuthorizationConfiguration : IEntityTypeConfiguration<ProviderAuthorization>
{
    public void Configure(EntityTypeBuilder<ProviderAuthorization> b)
    {
        b.ToTable("provider_authorizations");
        b.HasKey(a => new { a.CustomerId, a.Provider });
        b.HasOne<PriceBook>().WithMany().HasForeignKey(a => a.PriceBookId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.ResellerId, a.PriceBookId });
        b.Property(a => a.Provider).HasMaxLength(20);
        b.Property(a => a.Currency).HasMaxLength(3);
    }
}
