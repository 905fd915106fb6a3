using System.Linq.Expressions;
using System.Reflection;
using IonPortal.Core.Accounts;
using IonPortal.Core.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
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
        // Identity's other tables, in our style (the users table is the accounts feature's).
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");

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
}
