using IonPortal.Core;
using IonPortal.Core.Accounts;
using IonPortal.Core.Resellers;
using IonPortal.Web.Caching;

namespace IonPortal.Web.Tenancy;

/// <summary>
/// The reseller behind a storefront's nickname or a staff member's session, from this node's cache:
/// most requests never need a database connection for it.
/// </summary>
public sealed class ResellerLookup(StorefrontCache cache, WorkScopes scopes)
{
    private static readonly WorkContext Lookup = new(Actor.System("reseller lookup"));

    public Task<Reseller?> ByNicknameAsync(string? accountName, CancellationToken ct = default)
    {
        var nickname = (accountName ?? "").Trim().ToLowerInvariant();
        return cache.GetAsync($"reseller:{nickname}", () => LoadAsync(d => d.FindByNicknameAsync(nickname, ct)));
    }

    /// <summary>The reseller that went by this nickname before it chose another (its old storefront addresses redirect).</summary>
    public Task<Reseller?> ByFormerNicknameAsync(string? accountName, CancellationToken ct = default)
    {
        var nickname = (accountName ?? "").Trim().ToLowerInvariant();
        return cache.GetAsync($"former-nickname:{nickname}", () => LoadAsync(d => d.FindByFormerNicknameAsync(nickname, ct)));
    }

    public Task<Reseller?> ByIdAsync(Guid id, CancellationToken ct = default) =>
        cache.GetAsync($"reseller-id:{id:N}", () => LoadAsync(d => d.FindAsync(id, ct)));

    private Task<(Reseller?, IEnumerable<string>)> LoadAsync(Func<ResellerDirectory, Task<Reseller?>> find) =>
        scopes.RunAsync(Lookup, async services =>
        {
            var found = await find(services.GetRequiredService<ResellerDirectory>());
            return (found, StorefrontCache.ResellerTags(found?.Id));
        });
}
