using IonPortal.Core.Accounts;
using IonPortal.Core.Data;
using IonPortal.Core.Pricing;
using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Billing;

/// <summary>
/// One customer's month of usage: what the distributor charged for it (the imported files) next to
/// what its statement for that month carried, and why they differ.
/// </summary>
public sealed record ReconciliationRow(
    DateOnly Month, Guid? CustomerId, string Customer, string Currency, decimal Imported, decimal OnStatement, decimal Charged,
    decimal Unmatched, decimal Late, decimal PricedAtCost)
{
    /// <summary>Imported cost the month's statement doesn't carry.</summary>
    public decimal Variance => Money.Round(Imported) - OnStatement;

    /// <summary>What the unmatched and late usage don't explain: usage imported since the month was last run (or cents of rounding).</summary>
    public decimal NotYetRun => Variance - Money.Round(Unmatched) - Money.Round(Late);

    public bool Reconciled => Variance == 0 && PricedAtCost == 0;
}

/// <summary>
/// Reconciliation of usage: per customer and month, the distributor's cost from the imported files
/// against the usage cost on the statements. Its causes, each its own figure: usage no customer
/// matched (to match by hand), usage that came in after the month was issued (billed the month
/// after), usage imported since the month's last run, and usage a missing price book charged at cost.
/// </summary>
public sealed class Reconciliation(PortalDbContext db, TenantContext tenant, CurrentActor actor)
{
    public async Task<IReadOnlyList<ReconciliationRow>> ForAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.ManageBilling))
            return [];
        var resellerId = tenant.ResellerId!.Value;
        (from, to) = (Months.Start(from), Months.Start(to));
        return await db.Database.SqlQuery<ReconciliationRow>($"""
            WITH imported AS (
                SELECT usage_month AS month, customer_id, currency, sum(cost) AS imported,
                       coalesce(sum(cost) FILTER (WHERE customer_id IS NULL), 0) AS unmatched,
                       coalesce(sum(cost) FILTER (WHERE customer_id IS NOT NULL AND billing_month > usage_month), 0) AS late
                FROM usage_monthly WHERE reseller_id = {resellerId} AND usage_month BETWEEN {from} AND {to}
                GROUP BY usage_month, customer_id, currency),
            billed AS (
                SELECT usage_month AS month, customer_id, currency, sum(cost) AS on_statement, sum(price) AS charged,
                       coalesce(sum(cost) FILTER (WHERE priced_at_cost), 0) AS priced_at_cost
                FROM statement_lines WHERE reseller_id = {resellerId} AND kind = 'Usage' AND month = usage_month AND usage_month BETWEEN {from} AND {to}
                GROUP BY usage_month, customer_id, currency)
            SELECT coalesce(i.month, b.month) AS month, coalesce(i.customer_id, b.customer_id) AS customer_id,
                   coalesce(c.company_name, '') AS customer, coalesce(i.currency, b.currency) AS currency,
                   coalesce(i.imported, 0) AS imported, coalesce(b.on_statement, 0) AS on_statement, coalesce(b.charged, 0) AS charged,
                   coalesce(i.unmatched, 0) AS unmatched, coalesce(i.late, 0) AS late, coalesce(b.priced_at_cost, 0) AS priced_at_cost
            FROM imported i
            FULL JOIN billed b ON b.month = i.month AND b.customer_id = i.customer_id AND b.currency = i.currency
            LEFT JOIN customers c ON c.id = coalesce(i.customer_id, b.customer_id)
            ORDER BY 1 DESC, coalesce(i.customer_id, b.customer_id) IS NULL DESC, coalesce(i.imported, 0) DESC
            """).ToListAsync(ct);
    }
}
