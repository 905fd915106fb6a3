using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.Accounts;

/// <summary>Identity's user table, named in our style, with sign-in realms enforced by the database.</summary>
internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> b)
    {
        b.ToTable("users", t =>
        {
            t.HasCheckConstraint("ck_users_realm",
                "(kind = 'operator' AND reseller_id IS NULL AND customer_id IS NULL) OR " +
                "(kind = 'staff' AND reseller_id IS NOT NULL AND customer_id IS NULL) OR " +
                "(kind = 'customer' AND reseller_id IS NOT NULL AND customer_id IS NOT NULL)");
        });
        b.Property(u => u.Kind).HasConversion(k => k.ToString().ToLowerInvariant(), s => Enum.Parse<UserKind>(s, true)).HasMaxLength(20);
        b.Property(u => u.Role).HasMaxLength(20);
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.HasOne<Resellers.Reseller>().WithMany().HasForeignKey(u => u.ResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customers.Customer>().WithMany().HasForeignKey(u => u.CustomerId).OnDelete(DeleteBehavior.Restrict);

        b.HasIndex(u => u.NormalizedUserName).HasDatabaseName("ix_users_normalized_user_name");
        b.HasIndex(u => u.NormalizedEmail).HasDatabaseName("ix_users_normalized_email");
        // Console users (operators, staff) share one email space; customers' people have one per reseller.
        b.HasIndex([nameof(PortalUser.NormalizedEmail)], "console_email").IsUnique().HasDatabaseName("ix_users_console_email").HasFilter("kind <> 'customer'");
        b.HasIndex([nameof(PortalUser.ResellerId), nameof(PortalUser.NormalizedEmail)], "storefront_email").IsUnique().HasDatabaseName("ix_users_storefront_email").HasFilter("kind = 'customer'");
    }
}
