using IonPortal.Core.Accounts;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.MicrosoftTenants;
using IonPortal.Core.Paging;
using IonPortal.Core.PartnerCenter;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Subscriptions;

/// <summary>A plan the subscription may move to, priced for its customer: an upgrade takes effect now, a downgrade at the renewal.</summary>
public sealed record PlanOption(PlanChange Change, Catalog.Term Term, Catalog.BillingFrequency Billing, bool IsUpgrade);

public sealed record SubscriptionSummary(Guid Id, Guid CustomerId, string CustomerName, string ProductName, string PlanName, int Quantity, int? PendingQuantity,
    string Unit, SubscriptionStatus Status, bool AutoRenew, DateTimeOffset RenewsAt, decimal UnitPrice, string Currency, Catalog.BillingFrequency Billing);

/// <summary>When a change takes effect: now (a reduction inside the window, an upgrade) or at the renewal.</summary>
public enum Effective
{
    Now,
    AtRenewal,
}

/// <summary>
/// A customer's subscriptions and the changes its reseller (or, where the provider is enabled in its
/// portal, its admin) makes to them: seats, renewal, suspension, cancellation. Every change is made at
/// the provider first and saved only when it took; the subscription's row is locked meanwhile and the
/// change carries the version the person saw, so of two people changing it at once one wins and the
/// other is told what it is now.
/// </summary>
public sealed class Subscriptions(PortalDbContext db, CurrentActor actor, OwnCompany company, PartnerCenterClient partnerCenter, Orders.Checkout checkout, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> SortableColumns = ["purchased", "product", "customer", "renews"];

    /// <summary>Subscriptions newest first (or sorted), of one customer or all, filtered in the database; a customer's people see their own.</summary>
    public async Task<Page<SubscriptionSummary>> ListAsync(Guid? customerId, SubscriptionStatus? status, string? search, PageRequest page, CancellationToken ct = default)
    {
        var query = from s in db.Set<Subscription>().AsNoTracking()
                    join c in db.Set<Customer>() on s.CustomerId equals c.Id
                    select new { s, c.CompanyName };
        if (company.IsCustomerPerson)
            customerId = await company.IdAsync(ct) ?? Guid.Empty;
        else if (!actor.May(PortalAction.UseConsole))
            customerId = Guid.Empty;
        if (customerId is { } customer)
            query = query.Where(x => x.s.CustomerId == customer);
        if (status is { } wanted)
            query = query.Where(x => x.s.Status == wanted);
        if (SearchPattern.Contains(search) is { } pattern)
            query = query.Where(x => EF.Functions.ILike(x.s.ProductName, pattern) || EF.Functions.ILike(x.s.PlanName, pattern) || EF.Functions.ILike(x.CompanyName, pattern));
        query = (page.Sort, page.Descending) switch
        {
            ("product", var d) => d ? query.OrderByDescending(x => x.s.ProductName).ThenBy(x => x.s.Id) : query.OrderBy(x => x.s.ProductName).ThenBy(x => x.s.Id),
            ("customer", var d) => d ? query.OrderByDescending(x => x.CompanyName).ThenBy(x => x.s.Id) : query.OrderBy(x => x.CompanyName).ThenBy(x => x.s.Id),
            ("renews", var d) => d ? query.OrderByDescending(x => x.s.RenewsAt).ThenBy(x => x.s.Id) : query.OrderBy(x => x.s.RenewsAt).ThenBy(x => x.s.Id),
            (_, false) => query.OrderBy(x => x.s.PurchasedAt).ThenBy(x => x.s.Id),
            _ => query.OrderByDescending(x => x.s.PurchasedAt).ThenByDescending(x => x.s.Id),
        };
        return await query.Select(x => new SubscriptionSummary(x.s.Id, x.s.CustomerId, x.CompanyName, x.s.ProductName, x.s.PlanName, x.s.Quantity, x.s.PendingQuantity,
            x.s.Unit, x.s.Status, x.s.AutoRenew, x.s.RenewsAt, x.s.UnitPrice, x.s.Currency, x.s.Billing)).ToPageAsync(page, ct);
    }

    /// <summary>A subscription with its seat batches and history; null when the current person may not see it.</summary>
    public async Task<Subscription?> FindAsync(Guid id, CancellationToken ct = default)
    {
        var subscription = await db.Set<Subscription>().AsNoTracking().Include(s => s.Batches).Include(s => s.History.OrderByDescending(e => e.At))
            .AsSplitQuery().FirstOrDefaultAsync(s => s.Id == id, ct);
        return subscription is not null && await company.MaySeeAsync(subscription.CustomerId, ct) ? subscription : null;
    }

    /// <summary>Whether the current person may change this customer's subscriptions of a provider the portal is connected to: staff who manage them, or the customer's admin where the provider is self-service.</summary>
    public async Task<bool> MayChangeAsync(Guid customerId, string provider, CancellationToken ct = default) =>
        Orders.Checkout.Provisioned.Contains(provider) && actor.May(PortalAction.ManageSubscriptions)
        && (!company.IsCustomerPerson || await db.Set<ProviderAuthorization>().AnyAsync(a => a.CustomerId == customerId && a.Provider == provider && a.EnabledInPortal, ct));

    public Task<Outcome<Subscription>> AddSeatsAsync(Guid id, int version, int seats, CancellationToken ct = default) =>
        ChangeAsync(id, version, async (s, now) =>
        {
            if (seats < 1 || s.Quantity + seats > s.MaxQuantity)
                return Outcome.Invalid("Seats", Problems.SeatsToAddOutOfRange(s.MaxQuantity - s.Quantity));
            if (await AtProviderAsync(s, new SubscriptionChange(Quantity: s.Quantity + seats), ct) is { IsDone: false } refused)
                return refused;
            s.AddSeats(seats, actor.Name, now);
            return Outcome.Done();
        }, ct);

    /// <summary>
    /// Brings the seats down to <paramref name="quantity"/>: now, when every seat removed is inside its
    /// window; otherwise the reduction is scheduled for the renewal (the answer says which).
    /// </summary>
    public async Task<Outcome<Effective>> ReduceSeatsAsync(Guid id, int version, int quantity, CancellationToken ct = default)
    {
        var when = Effective.Now;
        var outcome = await ChangeAsync(id, version, async (s, now) =>
        {
            if (quantity < s.MinQuantity || quantity >= s.Quantity)
                return Outcome.Invalid("Quantity", Problems.ReducedSeatsOutOfRange(s.MinQuantity, s.Quantity - 1));
            if (s.Quantity - quantity > s.RemovableAt(now))
            {
                when = Effective.AtRenewal;
                s.ScheduleReduction(quantity, actor.Name, now);
                return Outcome.Done();
            }
            // Licences stay within what is bought: people keep theirs until someone removes them.
            if (await LicencesAsync(s, ct) is { } licences && licences.Purchased - (s.Quantity - quantity) < licences.Assigned)
                return Outcome.Conflict(Problems.ReduceBelowAssigned(licences.Assigned));
            if (await AtProviderAsync(s, new SubscriptionChange(Quantity: quantity), ct) is { IsDone: false } refused)
                return refused;
            s.RemoveSeats(s.Quantity - quantity, actor.Name, now);
            return Outcome.Done();
        }, ct);
        if (!outcome.IsDone)
            return outcome.AsFailure();
        return when;
    }

    public Task<Outcome<Subscription>> WithdrawReductionAsync(Guid id, int version, CancellationToken ct = default) =>
        ChangeAsync(id, version, (s, now) =>
        {
            if (s.PendingQuantity is null)
                return Task.FromResult<Outcome>(Outcome.Conflict(Problems.NoReductionPending));
            s.WithdrawReduction(actor.Name, now);
            return Task.FromResult(Outcome.Done());
        }, ct);

    public Task<Outcome<Subscription>> SetAutoRenewAsync(Guid id, int version, bool on, CancellationToken ct = default) =>
        ChangeAsync(id, version, async (s, now) =>
        {
            if (s.AutoRenew == on)
                return Outcome.Done();
            if (await AtProviderAsync(s, new SubscriptionChange(AutoRenew: on), ct) is { IsDone: false } refused)
                return refused;
            s.SetAutoRenew(on, actor.Name, now);
            return Outcome.Done();
        }, ct);

    public Task<Outcome<Subscription>> SuspendAsync(Guid id, int version, CancellationToken ct = default) =>
        ChangeAsync(id, version, async (s, now) =>
        {
            if (s.Status != SubscriptionStatus.Active)
                return Outcome.Conflict(Problems.SubscriptionNotActive);
            if (await AtProviderAsync(s, new SubscriptionChange(Status: "suspended"), ct) is { IsDone: false } refused)
                return refused;
            s.Suspend(actor.Name, now);
            return Outcome.Done();
        }, ct);

    public Task<Outcome<Subscription>> ReactivateAsync(Guid id, int version, CancellationToken ct = default) =>
        ChangeAsync(id, version, async (s, now) =>
        {
            if (s.Status != SubscriptionStatus.Suspended)
                return Outcome.Conflict(Problems.SubscriptionNotSuspended);
            if (await AtProviderAsync(s, new SubscriptionChange(Status: "active"), ct) is { IsDone: false } refused)
                return refused;
            s.Reactivate(actor.Name, now);
            return Outcome.Done();
        }, ct);

    /// <summary>The plans it may move to (the catalog's allowed changes, on its term), priced by the customer's book; more per month is an upgrade.</summary>
    public async Task<IReadOnlyList<PlanOption>> PlanOptionsAsync(Guid id, CancellationToken ct = default) =>
        await FindAsync(id, ct) is { IsLive: true } subscription ? await OptionsForAsync(subscription, ct) : [];

    /// <summary>Moves it to another allowed plan: an upgrade now, at the provider (licences follow); a downgrade at the renewal.</summary>
    public async Task<Outcome<Effective>> ChangePlanAsync(Guid id, int version, Guid planId, CancellationToken ct = default)
    {
        var when = Effective.Now;
        var outcome = await ChangeAsync(id, version, async (s, now) =>
        {
            if ((await OptionsForAsync(s, ct)).FirstOrDefault(o => o.Change.PlanId == planId) is not { } option)
                return Outcome.Invalid("Plan", Problems.PlanChangeNotAllowed);
            if (!option.IsUpgrade)
            {
                when = Effective.AtRenewal;
                s.ScheduleDowngrade(option.Change, actor.Name, now);
                return Outcome.Done();
            }
            if (await TenantIdAsync(s, ct) is not { } tenantId)
                return Outcome.Conflict(Problems.TenantNotLinked);
            var targets = await partnerCenter.TransitionTargetsAsync(tenantId, s.ProviderSubscriptionId, immediate: true, ct);
            if (!targets.IsDone)
                return targets.AsFailure();
            if (!targets.Value.Contains(option.Change.Sku))
                return Outcome.Conflict(Problems.PlanChangeRefused);
            var moved = await partnerCenter.TransitionAsync(tenantId, s.ProviderSubscriptionId, option.Change.Sku, s.Quantity, s.Term, s.Billing, ct);
            if (!moved.IsDone)
                return moved.AsFailure();
            s.ChangePlan(option.Change, moved.Value, SubscriptionChangeKind.Upgraded, actor.Name, now);
            return Outcome.Done();
        }, ct);
        if (!outcome.IsDone)
            return outcome.AsFailure();
        return when;
    }

    public Task<Outcome<Subscription>> WithdrawDowngradeAsync(Guid id, int version, CancellationToken ct = default) =>
        ChangeAsync(id, version, (s, now) =>
        {
            if (s.PendingPlanId is null)
                return Task.FromResult<Outcome>(Outcome.Conflict(Problems.NoDowngradePending));
            s.WithdrawDowngrade(actor.Name, now);
            return Task.FromResult(Outcome.Done());
        }, ct);

    private async Task<IReadOnlyList<PlanOption>> OptionsForAsync(Subscription subscription, CancellationToken ct)
    {
        var targets = await (from change in db.Set<Catalog.PlanUpgrade>()
                             join plan in db.Set<Catalog.Plan>().Include(p => p.Product) on change.ToPlanId equals plan.Id
                             where change.FromPlanId == subscription.PlanId && plan.Term == subscription.Term && plan.RetiredAt == null && plan.Product!.RetiredAt == null
                             select plan).AsNoTracking().ToListAsync(ct);
        if (targets.Count == 0)
            return [];
        // One quote for every target: the checks and the book are read once, each plan priced as a line.
        var quote = await checkout.QuoteAsync(subscription.CustomerId, subscription.Provider, targets.Select(p => new Orders.CartLine(p.Id, subscription.Quantity)).ToList(), ct);
        var current = subscription.UnitPrice / Catalog.PlanTerms.MonthsPerCharge(subscription.Term, subscription.Billing);
        var options = (from plan in targets
                       join line in quote?.Lines ?? [] on plan.Id equals line.PlanId
                       where line.UnitPrice is not null
                       let price = line.UnitPrice!.Value
                       select new PlanOption(new PlanChange(plan.Id, plan.Product!.Name, plan.Name, plan.Sku, price), plan.Term, plan.Billing,
                           price / Catalog.PlanTerms.MonthsPerCharge(plan.Term, plan.Billing) > current)).ToList();
        return options.OrderBy(o => o.Change.UnitPrice).ToList();
    }

    /// <summary>Cancels it, only while every seat is inside its window; after that, turning renewal off ends it at the term's end.</summary>
    public Task<Outcome<Subscription>> CancelAsync(Guid id, int version, CancellationToken ct = default) =>
        ChangeAsync(id, version, async (s, now) =>
        {
            if (!s.MayCancelAt(now))
                return Outcome.Conflict(s.Status == SubscriptionStatus.Active ? Problems.CancellationWindowClosed : Problems.SubscriptionNotActive);
            if (await AtProviderAsync(s, new SubscriptionChange(Status: "deleted"), ct) is { IsDone: false } refused)
                return refused;
            s.Cancel(actor.Name, now);
            return Outcome.Done();
        }, ct);

    /// <summary>
    /// The renewal sweep's step for one subscription whose term has ended: a pending reduction is
    /// made at the provider, then it renews (or expires). Locked, so two nodes never renew it twice.
    /// </summary>
    public async Task<bool> RenewIfDueAsync(Guid id, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        if (await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM subscriptions WHERE id = {id} AND renews_at <= {now} AND status IN ('Active', 'Suspended') FOR UPDATE SKIP LOCKED").ToListAsync(ct) is [])
            return false;
        var s = await db.Set<Subscription>().Include(x => x.Batches).FirstAsync(x => x.Id == id, ct);
        if (s.AutoRenew && s.PendingQuantity is { } pending && await AtProviderAsync(s, new SubscriptionChange(Quantity: pending), ct) is { IsDone: false })
            return false;   // the provider will be asked again on the next sweep
        if (s.AutoRenew && s.PendingPlanId is { } planId)
        {
            var plan = await db.Set<Catalog.Plan>().AsNoTracking().Include(p => p.Product).FirstAsync(p => p.Id == planId, ct);
            if (await TenantIdAsync(s, ct) is not { } tenantId
                || await partnerCenter.TransitionAsync(tenantId, s.ProviderSubscriptionId, plan.Sku, s.PendingQuantity ?? s.Quantity, s.Term, s.Billing, ct) is not { IsDone: true } moved)
                return false;
            s.ChangePlan(new PlanChange(plan.Id, plan.Product!.Name, plan.Name, plan.Sku, s.PendingUnitPrice ?? s.UnitPrice), moved.Value, SubscriptionChangeKind.Downgraded, actor.Name, now);
        }
        s.Renew(actor.Name, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private async Task<Outcome<Subscription>> ChangeAsync(Guid id, int version, Func<Subscription, DateTimeOffset, Task<Outcome>> change, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Locked first: a colleague's change waits here, then finds the version moved on.
        await db.Database.ExecuteSqlAsync($"SELECT id FROM subscriptions WHERE id = {id} FOR UPDATE", ct);
        var subscription = await db.Set<Subscription>().Include(s => s.Batches).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null || !await company.MaySeeAsync(subscription.CustomerId, ct))
            return Outcome.NotFound;
        if (!await MayChangeAsync(subscription.CustomerId, subscription.Provider, ct))
            return Outcome.Forbidden(Problems.MayNotChangeSubscriptions);
        if (subscription.Version != version)
            return Outcome.Conflict(Problems.SubscriptionChangedMeanwhile);
        if (!subscription.IsLive)
            return Outcome.Conflict(Problems.SubscriptionEnded);
        var outcome = await change(subscription, clock.GetUtcNow());
        if (!outcome.IsDone)
            return outcome.AsFailure();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return subscription;
    }

    /// <summary>The plan's licences at the provider, bought and assigned; null when it can't say.</summary>
    private async Task<LicenceCount?> LicencesAsync(Subscription subscription, CancellationToken ct) =>
        await TenantIdAsync(subscription, ct) is { } tenantId && await partnerCenter.LicenceCountsAsync(tenantId, ct) is { IsDone: true } counts
            ? counts.Value.FirstOrDefault(c => c.SkuId == subscription.Sku)
            : null;

    private Task<Guid?> TenantIdAsync(Subscription subscription, CancellationToken ct) =>
        db.Set<MicrosoftTenant>().LinkedFor(subscription.CustomerId).Select(t => t.TenantId).FirstOrDefaultAsync(ct);

    /// <summary>Makes the change at the provider (a PATCH sets values, so asking twice is harmless).</summary>
    private async Task<Outcome> AtProviderAsync(Subscription subscription, SubscriptionChange change, CancellationToken ct)
    {
        if (subscription.Provider != "microsoft")
            return Outcome.Conflict(Problems.ProviderNotConnected);
        if (await TenantIdAsync(subscription, ct) is not { } tenantId)
            return Outcome.Conflict(Problems.TenantNotLinked);
        var updated = await partnerCenter.UpdateSubscriptionAsync(tenantId, subscription.ProviderSubscriptionId, change, ct);
        return updated.IsDone ? Outcome.Done() : updated.AsFailure();
    }
}
