using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IonPortal.Core.Data;

/// <summary>
/// An entity whose changes others cache (storefront pages, tenant look-ups). It names the tags to
/// evict; <see cref="ChangeTagsInterceptor"/> announces them whenever such an entity is saved.
/// </summary>
public interface IChangeTagged
{
    IEnumerable<string> ChangeTags { get; }
}

public static class ChangeTags
{
    /// <summary>The PostgreSQL NOTIFY channel every web node listens on.</summary>
    public const string Channel = "ionportal_changes";

    /// <summary>Anything in the platform catalog: every storefront may show it.</summary>
    public const string Catalog = "catalog";

    /// <summary>Everything cached for storefronts, to drop all at once.</summary>
    public const string Storefronts = "storefronts";

    public static string Reseller(Guid id) => $"reseller:{id:N}";

    public static string PriceBook(Guid id) => $"price-book:{id:N}";

    /// <summary>A reseller's approval queue: a new request or a decision.</summary>
    public static string Approvals(Guid resellerId) => $"approvals:{resellerId:N}";

    /// <summary>A customer's status or pricing: what its signed-in users see.</summary>
    public static string Customer(Guid id) => $"customer:{id:N}";

    /// <summary>An order's status: its page follows provisioning live.</summary>
    public static string Order(Guid id) => $"order:{id:N}";

    /// <summary>A subscription's seats, status or renewal: its open pages show the new state.</summary>
    public static string Subscription(Guid id) => $"subscription:{id:N}";
}

/// <summary>
/// After a save, sends one <c>pg_notify</c> per distinct tag of the saved entities. Inside an
/// explicit transaction PostgreSQL delivers it at commit, so listeners never evict early or for a
/// change that was rolled back.
/// </summary>
public sealed class ChangeTagsInterceptor : SaveChangesInterceptor
{
    // Tags collected before a save, per context, announced once the save went through.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, HashSet<string>> _pending = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (eventData.Context is { } db && _pending.TryGetValue(db, out var tags) && _pending.Remove(db))
        {
            foreach (var tag in tags)
                await db.Database.ExecuteSqlAsync($"SELECT pg_notify({ChangeTags.Channel}, {tag})", ct);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && _pending.TryGetValue(db, out var tags) && _pending.Remove(db))
        {
            foreach (var tag in tags)
                db.Database.ExecuteSql($"SELECT pg_notify({ChangeTags.Channel}, {tag})");
        }
        return result;
    }

    private void Collect(DbContext? db)
    {
        if (db is null)
            return;
        var tags = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is IChangeTagged)
            .SelectMany(e => ((IChangeTagged)e.Entity).ChangeTags)
            .ToHashSet();
        if (tags.Count > 0)
            _pending.AddOrUpdate(db, tags);
        else
            _pending.Remove(db);
    }
}
