using System.Collections.Concurrent;
using IonPortal.Core.Data;
using IonPortal.Core.Pricing;
using IonPortal.Core.Resellers;

namespace IonPortal.Web.Caching;

/// <summary>
/// Per-node memory of what every storefront request needs first: the reseller behind a nickname
/// and the book that prices its storefront. Kept until a change notification (from any node)
/// names them, and at most <see cref="MaxAge"/> in case a notification was missed.
/// </summary>
public sealed class StorefrontCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Entry<Reseller?>> _resellers = new();
    private readonly ConcurrentDictionary<Guid, Entry<PriceBook>> _pricing = new();

    private sealed record Entry<T>(T Value, DateTimeOffset LoadedAt);

    public async Task<Reseller?> ResellerAsync(string nickname, Func<Task<Reseller?>> load) =>
        (await GetAsync(_resellers, nickname, load)).Value;

    public async Task<PriceBook> PricingAsync(Guid resellerId, Func<Task<PriceBook>> load) =>
        (await GetAsync(_pricing, resellerId, load)).Value;

    /// <summary>Forgets what a change tag names (see <see cref="ChangeTags"/>).</summary>
    public void Evict(string tag)
    {
        if (tag == ChangeTags.Storefronts)
        {
            _resellers.Clear();
            _pricing.Clear();
            return;
        }
        foreach (var (resellerId, entry) in _pricing)
        {
            if (tag == ChangeTags.Reseller(resellerId) || (!entry.Value.IsMaster && tag == ChangeTags.PriceBook(entry.Value.Id)))
                _pricing.TryRemove(resellerId, out _);
        }
        foreach (var (nickname, entry) in _resellers)
        {
            // Unknown nicknames are remembered too; a new reseller must not stay unknown.
            if (entry.Value is null ? tag.StartsWith("reseller:", StringComparison.Ordinal) : tag == ChangeTags.Reseller(entry.Value.Id))
                _resellers.TryRemove(nickname, out _);
        }
    }

    private async Task<Entry<T>> GetAsync<TKey, T>(ConcurrentDictionary<TKey, Entry<T>> entries, TKey key, Func<Task<T>> load) where TKey : notnull
    {
        var now = clock.GetUtcNow();
        if (entries.TryGetValue(key, out var entry) && now - entry.LoadedAt < MaxAge)
            return entry;
        entry = new Entry<T>(await load(), now);
        entries[key] = entry;
        return entry;
    }
}
