using IonPortal.Core.Accounts;
using IonPortal.Core.Data;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Billing;

/// <summary>A person's own saved billing reports: a name and the settings to open it again with.</summary>
public sealed class SavedReports(PortalDbContext db, CurrentActor actor, TimeProvider clock)
{
    public const int NameLength = 80;

    public async Task<IReadOnlyList<SavedReport>> ListAsync(CancellationToken ct = default) =>
        actor.UserId is { } owner && actor.May(PortalAction.ViewBilling)
            ? await db.Set<SavedReport>().AsNoTracking().Where(r => r.OwnerId == owner).OrderBy(r => r.Name).ToListAsync(ct)
            : [];

    /// <summary>One of the person's reports; another person's (or reseller's) is not found.</summary>
    public async Task<SavedReport?> FindAsync(Guid id, CancellationToken ct = default) =>
        actor.UserId is { } owner && actor.May(PortalAction.ViewBilling)
            ? await db.Set<SavedReport>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.OwnerId == owner, ct)
            : null;

    /// <summary>Saves the settings under a name: a new report, or the same report again when <paramref name="id"/> is one of the person's.</summary>
    public async Task<Outcome<SavedReport>> SaveAsync(Guid? id, string? name, ReportSettings settings, CancellationToken ct = default)
    {
        if (actor.UserId is not { } owner || !actor.May(PortalAction.ViewBilling))
            return Outcome.Forbidden(Problems.MayNotViewBilling);
        name = name?.Trim() ?? "";
        if (name.Length == 0)
            return Outcome.Invalid("Name", Problems.ReportNameRequired);
        if (name.Length > NameLength)
            return Outcome.Invalid("Name", Problems.TooLong(NameLength));
        var report = id is { } existing ? await db.Set<SavedReport>().FirstOrDefaultAsync(r => r.Id == existing && r.OwnerId == owner, ct) : null;
        if (id is not null && report is null)
            return Outcome.NotFound;
        if (await db.Set<SavedReport>().AnyAsync(r => r.OwnerId == owner && r.Name == name && r.Id != id, ct))
            return Outcome.Invalid("Name", Problems.ReportNameTaken);
        var now = clock.GetUtcNow();
        if (report is null)
            db.Add(report = new SavedReport { Id = Guid.CreateVersion7(now), OwnerId = owner, CreatedAt = now });
        (report.Name, report.Settings, report.UpdatedAt) = (name, settings.ToJson(), now);
        await db.SaveChangesAsync(ct);
        return report;
    }

    public async Task<Outcome> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (actor.UserId is not { } owner)
            return Outcome.NotFound;
        return await db.Set<SavedReport>().Where(r => r.Id == id && r.OwnerId == owner).ExecuteDeleteAsync(ct) == 1 ? Outcome.Done() : Outcome.NotFound;
    }
}
