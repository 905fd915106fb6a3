using IonPortal.Core.Resellers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.Customers;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.ToTable("customers");
        b.HasOne<Reseller>().WithMany().HasForeignKey(c => c.ResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.ResellerId, c.CompanyName });
        b.Property(c => c.CompanyName).HasMaxLength(200);
    }
}
