using IonPortal.Core.Accounts;
using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace IonPortal.Core.Data;

/// <summary>A write reached for another reseller's rows (or for no reseller at all): a bug, stopped before it is saved.</summary>
public sealed class TenantWallException(string message) : InvalidOperationException(message);

/// <summary>
/// The tenant wall for writes. The query filter keeps other resellers' rows out of reads; this
/// stamps the current reseller on new tenant-owned rows and refuses to save a row of another
/// reseller (or any tenant-owned row when the unit of work acts for no reseller).
/// </summary>
public sealed class TenantWallInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Guard(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Guard(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Guard(DbContext? context)
    {
        if (context is not PortalDbContext db)
            return;
        var tenant = db.Tenant.ResellerId;
        foreach (var entry in db.ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            var resellerId = entry.Property(nameof(ITenantOwned.ResellerId));
            if (entry.State == EntityState.Added && (Guid)resellerId.CurrentValue! == Guid.Empty && tenant is { } current)
                resellerId.CurrentValue = current;
            var owner = (Guid)(entry.State == EntityState.Added ? resellerId.CurrentValue! : resellerId.OriginalValue!);
            if (tenant is null)
                throw new TenantWallException($"A {entry.Metadata.ClrType.Name} can't be saved by a unit of work that acts for no reseller.");
            if (owner != tenant || (Guid)resellerId.CurrentValue! != owner)
                throw new TenantWallException($"A {entry.Metadata.ClrType.Name} of another reseller can't be saved by this unit of work.");
        }
    }
}

/// <summary>
/// The one door through the tenant wall, for reading across resellers: only platform operators and
/// background work may use it, and every crossing is logged with who crossed and why.
/// </summary>
public sealed class AllTenants(PortalDbContext db, CurrentActor actor, ILogger<AllTenants> logger)
{
    public IQueryable<T> Read<T>(string purpose) where T : class, ITenantOwned
    {
        var who = actor.Value;
        if (who.Kind != ActorKind.System && who.Role != PortalRoles.Operator)
            throw new TenantWallException($"{who.Name} may not read {typeof(T).Name} across resellers.");
        logger.LogInformation("{Actor} reads {Entity} across resellers: {Purpose}", who.Name, typeof(T).Name, purpose);
        return db.Set<T>().IgnoreQueryFilters([PortalDbContext.TenantFilter]);
    }
}
