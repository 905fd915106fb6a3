using IonPortal.Core.Accounts;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Paging;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Resellers;

public sealed record ResellerSummary(Guid Id, string Nickname, string DisplayName, int StaffCount, int CustomerCount, DateTimeOffset CreatedAt);

/// <summary>Looks resellers up: by nickname for the storefront, as a list for platform operators.</summary>
public sealed class ResellerDirectory(PortalDbContext db, AllTenants allTenants)
{
    public static readonly IReadOnlyList<string> SortableColumns = ["nickname", "name", "created"];

    /// <summary>The reseller behind a storefront's <c>accountName</c>, in any case; null when there is none.</summary>
    public async Task<Reseller?> FindByNicknameAsync(string? accountName, CancellationToken ct = default)
    {
        if (!Nickname.TryParse(accountName, out var nickname, out _))
            return null;
        return await db.Set<Reseller>().AsNoTracking().FirstOrDefaultAsync(r => r.Nickname == nickname.Value, ct);
    }

    /// <summary>The reseller that used to go by this nickname, for redirecting its old storefront addresses; null when none did.</summary>
    public async Task<Reseller?> FindByFormerNicknameAsync(string? accountName, CancellationToken ct = default)
    {
        if (!Nickname.TryParse(accountName, out var nickname, out _))
            return null;
        return await (from f in db.Set<FormerNickname>()
                      join r in db.Set<Reseller>() on f.ResellerId equals r.Id
                      where f.Nickname == nickname.Value
                      select r).AsNoTracking().FirstOrDefaultAsync(ct);
    }

    public Task<Reseller?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.Set<Reseller>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);

    public Task<ResellerLogo?> FindLogoAsync(Guid resellerId, CancellationToken ct = default) =>
        db.Set<ResellerLogo>().AsNoTracking().FirstOrDefaultAsync(l => l.ResellerId == resellerId, ct);

    /// <summary>Every reseller with its head counts, for operators: this reads across tenants on purpose.</summary>
    public async Task<Page<ResellerSummary>> ListAsync(string? search, PageRequest page, CancellationToken ct = default)
    {
        var resellers = db.Set<Reseller>().AsNoTracking();
        if (SearchPattern.Contains(search) is { } pattern)
            resellers = resellers.Where(r => EF.Functions.ILike(r.Nickname, pattern) || EF.Functions.ILike(r.DisplayName, pattern));
        resellers = (page.Sort, page.Descending) switch
        {
            ("nickname", false) => resellers.OrderBy(r => r.Nickname),
            ("nickname", true) => resellers.OrderByDescending(r => r.Nickname),
            ("created", false) => resellers.OrderBy(r => r.CreatedAt),
            ("created", true) => resellers.OrderByDescending(r => r.CreatedAt),
            (_, true) => resellers.OrderByDescending(r => r.DisplayName),
            _ => resellers.OrderBy(r => r.DisplayName),
        };
        var customers = allTenants.Read<Customer>("the operators' list of resellers counts each one's customers");
        return await resellers
            .Select(r => new ResellerSummary(
                r.Id, r.Nickname, r.DisplayName,
                db.Users.Count(u => u.ResellerId == r.Id && u.Kind == UserKind.Staff),
                customers.Count(c => c.ResellerId == r.Id),
                r.CreatedAt))
            .ToPageAsync(page, ct);
    }
}
