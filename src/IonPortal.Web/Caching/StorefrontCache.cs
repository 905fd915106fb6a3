using System.Collections.Concurrent;
using IonPortal.Core.Data;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace IonPortal.Web.Caching;

/// <summary>
/// Per-node memory of what requests read again and again: the reseller behind a nickname (or a
/// staff member's session), the books that price a visitor or a customer, a page of catalog results. Each entry
/// carries the change tags (see <see cref="ChangeTags"/>) of what it was read from, and goes when
/// a change notification from any node names one of them, or after <see cref="MaxAge"/> in case a
/// notification was missed.
/// </summary>
public sealed class StorefrontCache : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    /// <summary>The tag of remembered unknown nicknames: any new reseller may be one of them.</summary>
    private const string UnknownNicknames = "unknown-nicknames";

    // Search terms make the keys open-ended, so the cache is bounded (each entry counts as 1).
    private readonly MemoryCache _memory = new(new MemoryCacheOptions { SizeLimit = 50_000, CompactionPercentage = 0.2 });
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _tags = new();
    private long _evictions;

    /// <summary>
    /// The cached value, or loads it with the tags of what it was read from. A value loaded while
    /// something was evicted is used but not kept, since it may predate the change.
    /// </summary>
    public async Task<T> GetAsync<T>(string key, Func<Task<(T Value, IEnumerable<string> Tags)>> load)
    {
        if (_memory.TryGetValue(key, out T? cached))
            return cached!;
        var evictionsBefore = Interlocked.Read(ref _evictions);
        var (value, tags) = await load();
        var options = new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = MaxAge };
        foreach (var tag in tags.Append(ChangeTags.Storefronts).Distinct())
            options.ExpirationTokens.Add(new CancellationChangeToken(TokenOf(tag)));
        // Evictions from here on cancel the tokens just taken; earlier ones are caught by the count.
        if (Interlocked.Read(ref _evictions) == evictionsBefore)
            _memory.Set(key, value, options);
        return value;
    }

    /// <summary>Tags for a reseller looked up: its own, or (unknown) any reseller's arrival.</summary>
    public static IEnumerable<string> ResellerTags(Guid? resellerId) =>
        [resellerId is { } id ? ChangeTags.Reseller(id) : UnknownNicknames];

    /// <summary>Forgets every entry read from what the tag names.</summary>
    public void Evict(string tag)
    {
        Interlocked.Increment(ref _evictions);
        Cancel(tag);
        if (tag.StartsWith("reseller:", StringComparison.Ordinal))
            Cancel(UnknownNicknames);
    }

    private CancellationToken TokenOf(string tag) => _tags.GetOrAdd(tag, _ => new CancellationTokenSource()).Token;

    private void Cancel(string tag)
    {
        if (_tags.TryRemove(tag, out var source))
        {
            source.Cancel();
            source.Dispose();
        }
    }

    public void Dispose()
    {
        _memory.Dispose();
        foreach (var source in _tags.Values)
            source.Dispose();
    }
}
