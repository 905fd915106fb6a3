using IonPortal.Core.Accounts;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Paging;
using IonPortal.Core.Tenancy;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Billing;

/// <summary>A provider customer whose usage matched none of the reseller's customers: what it is, and how much usage waits on it.</summary>
public sealed record UnmatchedCustomer(string ProviderCustomerId, string CustomerName, string CustomerDomain, int Rows, IReadOnlyList<CurrencyAmount> Cost, DateOnly FirstMonth, DateOnly LastMonth);

/// <summary>
/// The usage a reseller has imported: the imports, and the provider customers nothing matched,
/// listed for the reseller to match by hand rather than dropped.
/// </summary>
public sealed class UsageLedger(PortalDbContext db, TenantContext tenant, CurrentActor actor, TimeProvider clock)
{
    public async Task<Page<UsageImport>> ImportsAsync(PageRequest page, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.ManageBilling))
            return new Page<UsageImport>([], 1, page.Normalized().Size, 0);
        return await db.Set<UsageImport>().AsNoTracking().OrderByDescending(i => i.ImportedAt).ToPageAsync(page, ct);
    }

    public async Task<IReadOnlyList<UnmatchedCustomer>> UnmatchedAsync(CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.ManageBilling))
            return [];
        var rows = await db.Set<UsageMonthly>().AsNoTracking().Where(u => u.CustomerId == null)
            .GroupBy(u => new { u.ProviderCustomerId, u.Currency })
            .Select(g => new
            {
                g.Key.ProviderCustomerId, g.Key.Currency, Name = g.Max(u => u.CustomerName), Domain = g.Max(u => u.CustomerDomain), Rows = g.Sum(u => u.RowCount),
                Cost = g.Sum(u => u.Cost), First = g.Min(u => u.UsageMonth), Last = g.Max(u => u.UsageMonth),
            }).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.ProviderCustomerId).Select(g => new UnmatchedCustomer(g.Key, g.Max(r => r.Name)!, g.Max(r => r.Domain)!, g.Sum(r => r.Rows),
            [.. g.OrderBy(r => r.Currency).Select(r => new CurrencyAmount(r.Currency, Pricing.Money.Round(r.Cost)))], g.Min(r => r.First), g.Max(r => r.Last)))
            .OrderByDescending(u => u.Rows)];
    }

    /// <summary>
    /// Matches a provider customer to a customer from now on, and its usage already imported: rows
    /// of months already issued (never billed, they matched nobody) move to the next open month.
    /// Answers the billing months whose drafts changed.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<DateOnly>>> MatchAsync(string providerCustomerId, Guid customerId, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.ManageBilling))
            return Outcome.Forbidden(Problems.MayNotManageBilling);
        var resellerId = tenant.ResellerId!.Value;
        providerCustomerId = providerCustomerId.Trim().ToLowerInvariant();
        if (!await db.Set<Customer>().AnyAsync(c => c.Id == customerId, ct) || !await db.Set<UsageMonthly>().AnyAsync(u => u.ProviderCustomerId == providerCustomerId, ct))
            return Outcome.NotFound;

        var issued = new SortedSet<DateOnly>(await db.Set<BillingPeriod>().Where(p => p.IssuedAt != null).Select(p => p.Month).ToListAsync(ct));
        DateOnly Open(DateOnly month)
        {
            while (issued.Contains(month))
                month = month.AddMonths(1);
            return month;
        }
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO usage_customer_matches (reseller_id, provider_customer_id, customer_id, matched_at, matched_by)
                VALUES ({resellerId}, {providerCustomerId}, {customerId}, {clock.GetUtcNow()}, {actor.Name})
                ON CONFLICT (reseller_id, provider_customer_id) DO UPDATE SET customer_id = excluded.customer_id, matched_at = excluded.matched_at, matched_by = excluded.matched_by
                """, ct);
            var billed = await db.Set<UsageMonthly>().Where(u => u.ProviderCustomerId == providerCustomerId && u.CustomerId == null)
                .Select(u => u.BillingMonth).Distinct().ToListAsync(ct);
            foreach (var month in billed)
            {
                var open = Open(month);
                await db.Database.ExecuteSqlAsync($"""
                    UPDATE usage_records SET customer_id = {customerId}, billing_month = {open}
                    WHERE reseller_id = {resellerId} AND provider_customer_id = {providerCustomerId} AND customer_id IS NULL AND billing_month = {month}
                    """, ct);
                // The rollup follows: its rows are the customer's now, and move to the open month (adding to what is there already).
                if (open == month)
                {
                    await db.Database.ExecuteSqlAsync($"""
                        UPDATE usage_monthly SET customer_id = {customerId}
                        WHERE reseller_id = {resellerId} AND provider_customer_id = {providerCustomerId} AND customer_id IS NULL AND billing_month = {month}
                        """, ct);
                    continue;
                }
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO usage_monthly AS m (reseller_id, usage_month, billing_month, provider_customer_id, provider_subscription_id, meter_id, currency,
                        customer_id, subscription_id, customer_name, customer_domain, product_name, meter_name, meter_category, unit, quantity, cost, row_count)
                    SELECT reseller_id, usage_month, {open}, provider_customer_id, provider_subscription_id, meter_id, currency, {customerId}, subscription_id,
                           customer_name, customer_domain, product_name, meter_name, meter_category, unit, quantity, cost, row_count
                    FROM usage_monthly
                    WHERE reseller_id = {resellerId} AND provider_customer_id = {providerCustomerId} AND customer_id IS NULL AND billing_month = {month}
                    ON CONFLICT (reseller_id, billing_month, usage_month, provider_customer_id, provider_subscription_id, meter_id, currency) DO UPDATE
                    SET quantity = m.quantity + excluded.quantity, cost = m.cost + excluded.cost, row_count = m.row_count + excluded.row_count, customer_id = excluded.customer_id
                    """, ct);
                await db.Database.ExecuteSqlAsync($"""
                    DELETE FROM usage_monthly
                    WHERE reseller_id = {resellerId} AND provider_customer_id = {providerCustomerId} AND customer_id IS NULL AND billing_month = {month}
                    """, ct);
            }
            await transaction.CommitAsync(ct);
            return Outcome.Done<IReadOnlyList<DateOnly>>([.. billed.Select(Open).Distinct().Order()]);
        });
    }
}
