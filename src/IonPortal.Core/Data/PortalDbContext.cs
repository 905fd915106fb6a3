using System.Linq.Expressions;
using System.Reflection;
using IonPortal.Core.Accounts;
using IonPortal.Core.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Data;

/// <summary>
/// The one database context. Features bring their own <c>IEntityTypeConfiguration</c>s and use
/// <c>Set&lt;T&gt;()</c>; every <see cref="ITenantOwned"/> entity is filtered to the current tenant
/// by convention, so adding a feature never edits this class. It also keeps the data-protection key
/// ring, so every web node reads the same cookies and emailed links, and keys survive restarts.
/// </summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options, TenantContext tenant)
    : IdentityUserContext<PortalUser, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The key of the tenant filter; only <see cref="AllTenants"/> passes it.</summary>
    internal const string TenantFilter = "Tenant";

    /// <summary>The reseller this context's unit of work acts for (the tenant wall checks saves against it).</summary>
    internal TenantContext Tenant => tenant;

    /// <summary>Read by the tenant filter on every query, so one model serves every tenant.</summary>
    private Guid? CurrentResellerId => tenant.ResellerId;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.HasPostgresExtension("btree_gin");
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        ConfigureAccounts(builder);

        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)))
        {
            ApplyTenantFilterMethod.MakeGenericMethod(entity.ClrType).Invoke(this, [builder]);
        }

        // Ids are UUIDv7s made in code, so a new entity reached through a navigation is new, not "already saved".
        foreach (var key in builder.Model.GetEntityTypes().Select(e => e.FindPrimaryKey()).Where(k => k is { Properties: [{ ClrType: var t }] } && t == typeof(Guid)))
            key!.Properties[0].ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
    }

    private static readonly MethodInfo ApplyTenantFilterMethod =
        typeof(PortalDbContext).GetMethod(nameof(ApplyTenantFilter), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private void ApplyTenantFilter<T>(ModelBuilder builder) where T : class, ITenantOwned
    {
        Expression<Func<T, bool>> filter = e => e.ResellerId == CurrentResellerId;
        builder.Entity<T>().HasQueryFilter(TenantFilter, filter);
        builder.Entity<T>().Property(e => e.ResellerId).IsRequired();
    }

    /// <summary>Identity's tables, named in our style, with sign-in realms enforced by the database.</summary>
    private static void ConfigureAccounts(ModelBuilder builder)
    {
        builder.Entity<PortalUser>(b =>
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
        });
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("user_tokens");
    }
}
