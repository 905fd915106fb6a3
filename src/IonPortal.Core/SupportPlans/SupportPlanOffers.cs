using IonPortal.Core.Accounts;
using IonPortal.Core.Auditing;
using IonPortal.Core.Catalog;
using IonPortal.Core.Data;
using IonPortal.Core.Paging;
using IonPortal.Core.Tenancy;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.SupportPlans;

/// <summary>The support plans the current reseller offers its customers: listed, created and changed here.</summary>
public sealed class SupportPlanOffers(PortalDbContext db, TenantContext tenant, CurrentActor actor, AuditTrail audit, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> SortableColumns = ["name", "updated"];

    /// <summary>The reseller's plans, searched by name and sorted in the database.</summary>
    public Task<Page<SupportPlan>> ListAsync(PageRequest page, string? search = null, CancellationToken ct = default)
    {
        var plans = db.Set<SupportPlan>().AsNoTracking();
        if (SearchPattern.Contains(search) is { } pattern)
            plans = plans.Where(p => EF.Functions.ILike(p.Name, pattern));
        plans = (page.Sort, page.Descending) switch
        {
            ("updated", false) => plans.OrderBy(p => p.UpdatedAt),
            ("updated", true) => plans.OrderByDescending(p => p.UpdatedAt),
            (_, true) => plans.OrderByDescending(p => p.Name),
            _ => plans.OrderBy(p => p.Name),
        };
        return plans.ToPageAsync(page, ct);
    }

    public Task<SupportPlan?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.Set<SupportPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);

    public async Task<Outcome<SupportPlan>> CreateAsync(SupportPlanDraft draft, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.ManagePricing))
            return Outcome.Forbidden(Problems.MayNotChangeSupportPlans);
        var errors = await CheckAsync(draft, null, ct);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);
        var now = clock.GetUtcNow();
        var plan = new SupportPlan { Id = Guid.CreateVersion7(now), ResellerId = tenant.RequiredResellerId, CreatedAt = now };
        Apply(plan, draft, now);
        db.Add(plan);
        audit.Record(AuditActions.SupportPlan.Created, AuditActions.SupportPlan.Type, plan.Id, null, Snapshot(plan));
        await db.SaveChangesAsync(ct);
        return plan;
    }

    public async Task<Outcome<SupportPlan>> UpdateAsync(Guid id, SupportPlanDraft draft, CancellationToken ct = default)
    {
        var plan = await db.Set<SupportPlan>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.ManagePricing))
            return Outcome.Forbidden(Problems.MayNotChangeSupportPlans);
        var errors = await CheckAsync(draft, id, ct);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);
        var before = Snapshot(plan);
        Apply(plan, draft, clock.GetUtcNow());
        audit.Record(AuditActions.SupportPlan.Updated, AuditActions.SupportPlan.Type, plan.Id, before, Snapshot(plan));
        await db.SaveChangesAsync(ct);
        return plan;
    }

    private static void Apply(SupportPlan plan, SupportPlanDraft draft, DateTimeOffset now)
    {
        plan.Name = draft.Name!.Trim();
        plan.Description = draft.Description?.Trim() ?? "";
        plan.PercentOfCharges = draft.PercentOfCharges;
        plan.FixedMonthlyFee = draft.FixedMonthlyFee is { } fee ? Pricing.Money.Round(fee) : null;
        plan.Currency = draft.FixedMonthlyFee is null ? null : draft.Currency;
        plan.UpdatedAt = now;
    }

    private async Task<FieldErrors> CheckAsync(SupportPlanDraft draft, Guid? except, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var name = draft.Name?.Trim() ?? "";
        if (name.Length == 0)
            errors.Add("Name", Problems.SupportPlanNameRequired);
        else if (name.Length > 80)
            errors.Add("Name", Problems.TooLong(80));
        else if (await db.Set<SupportPlan>().AnyAsync(p => p.Name == name && p.Id != except, ct))
            errors.Add("Name", Problems.SupportPlanNameTaken);
        if (draft.Description?.Trim().Length > 500)
            errors.Add("Description", Problems.TooLong(500));
        if (draft.PercentOfCharges is null && draft.FixedMonthlyFee is null)
            errors.Add("PercentOfCharges", Problems.NeedsAFee);
        if (draft.PercentOfCharges is < 0 or > 100)
            errors.Add("PercentOfCharges", Problems.PercentOfChargesOutOfRange);
        if (draft.FixedMonthlyFee is < 0)
            errors.Add("FixedMonthlyFee", Problems.FeeInvalid);
        if (draft.FixedMonthlyFee is not null && !Currencies.IsSupported(draft.Currency))
            errors.Add("Currency", Problems.FeeNeedsCurrency);
        return errors;
    }

    private static object Snapshot(SupportPlan p) => new { p.Name, p.Description, Percent = p.PercentOfCharges, Fee = p.FixedMonthlyFee, p.Currency };
}
