using IonPortal.Core.Accounts;
using IonPortal.Core.Catalog;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Pricing;
using IonPortal.Core.Subscriptions;
using IonPortal.Core.SupportPlans;
using IonPortal.Core.Tenancy;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Billing;

public sealed record StatementRunResult(DateOnly Month, int Statements, int Lines, bool Issued);

/// <summary>
/// Makes a month's statements for all of a reseller's customers at once: licence lines from the
/// subscriptions (prorated by day, <see cref="LicenceCharges"/>), usage lines from the monthly
/// rollup priced by each customer's Microsoft price book in one <c>INSERT … SELECT</c>, the support
/// plan's fee on top, and totals per currency. Running a month again replaces its drafts (same
/// statement numbers); issuing it runs it a last time and locks it: usage that arrives later is
/// billed in the next open month.
/// </summary>
public sealed class StatementRun(PortalDbContext db, TenantContext tenant, CurrentActor actor, TimeProvider clock)
{
    /// <summary>Line numbers by kind, so a statement reads licences, then usage, then support.</summary>
    private const int FirstUsageLine = 100_000, FirstSupportLine = 900_000;

    public async Task<Outcome<StatementRunResult>> RunAsync(DateOnly month, CancellationToken ct = default) => await RunAsync(month, issue: false, ct);

    /// <summary>Runs a month that has ended a last time and locks it.</summary>
    public async Task<Outcome<StatementRunResult>> IssueAsync(DateOnly month, CancellationToken ct = default) => await RunAsync(month, issue: true, ct);

    private async Task<Outcome<StatementRunResult>> RunAsync(DateOnly month, bool issue, CancellationToken ct)
    {
        if (!actor.May(PortalAction.ManageBilling))
            return Outcome.Forbidden(Problems.MayNotManageBilling);
        var resellerId = tenant.ResellerId ?? throw new InvalidOperationException("Statements are made for a reseller.");
        month = Months.Start(month);
        var now = clock.GetUtcNow();
        if (month > Months.Start(now))
            return Outcome.Invalid("Month", Problems.BillingMonthInFuture);
        if (issue && month == Months.Start(now))
            return Outcome.Invalid("Month", Problems.BillingMonthNotEnded);

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // One run of a month at a time: the period's row is the lock.
            await db.Database.ExecuteSqlAsync($"INSERT INTO billing_periods (reseller_id, month) VALUES ({resellerId}, {month}) ON CONFLICT DO NOTHING", ct);
            var period = await db.Set<BillingPeriod>().FromSql($"SELECT * FROM billing_periods WHERE reseller_id = {resellerId} AND month = {month} FOR UPDATE").SingleAsync(ct);
            if (period.IsIssued)
                return Outcome.Conflict(Problems.BillingMonthIssued);
            var (statements, lines) = await GenerateAsync(resellerId, month, ct);
            period.LastRunAt = now;
            if (issue)
                (period.IssuedAt, period.IssuedBy) = (now, actor.Name);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Outcome.Done(new StatementRunResult(month, statements, lines, issue));
        });
    }

    private async Task<(int Statements, int Lines)> GenerateAsync(Guid resellerId, DateOnly month, CancellationToken ct)
    {
        var charges = (await LicencesAsync(month, ct)).SelectMany(s => LicenceCharges.For(s, month)).Where(c => c.Price != 0 || c.Cost != 0).ToList();
        var plans = await db.Set<Customer>().AsNoTracking().Where(c => c.SupportPlanId != null && c.Status == CustomerStatus.Active)
            .Join(db.Set<SupportPlan>(), c => c.SupportPlanId, p => p.Id, (c, p) => new { c.Id, Plan = p }).ToDictionaryAsync(x => x.Id, x => x.Plan, ct);

        // The month's customers: those charged for licences or usage, and those whose support plan has a fixed fee.
        var customers = charges.Select(c => c.Subscription.CustomerId).Concat(plans.Where(p => p.Value.FixedMonthlyFee > 0).Select(p => p.Key)).Distinct().ToArray();
        await db.Database.ExecuteSqlAsync($"""
            WITH charged AS (
                SELECT unnest({customers}::uuid[]) AS customer_id
                UNION SELECT DISTINCT customer_id FROM usage_monthly WHERE reseller_id = {resellerId} AND billing_month = {month} AND customer_id IS NOT NULL)
            INSERT INTO statements (id, reseller_id, customer_id, month, customer_name, created_at)
            SELECT gen_random_uuid(), {resellerId}, c.id, {month}, c.company_name, now()
            FROM customers c JOIN charged ON charged.customer_id = c.id
            WHERE c.reseller_id = {resellerId}
            ON CONFLICT (reseller_id, month, customer_id) DO UPDATE SET customer_name = excluded.customer_name
            """, ct);
        await db.Database.ExecuteSqlAsync($"""
            DELETE FROM statements s WHERE s.reseller_id = {resellerId} AND s.month = {month}
            AND NOT s.customer_id = ANY({customers}) AND NOT EXISTS (
                SELECT 1 FROM usage_monthly u WHERE u.reseller_id = {resellerId} AND u.billing_month = {month} AND u.customer_id = s.customer_id)
            """, ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM statement_lines WHERE reseller_id = {resellerId} AND month = {month}", ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM statement_totals t USING statements s WHERE t.statement_id = s.id AND s.reseller_id = {resellerId} AND s.month = {month}", ct);
        var statementOf = await db.Set<Statement>().AsNoTracking().Where(s => s.Month == month).ToDictionaryAsync(s => s.CustomerId, s => s.Id, ct);

        var (start, end) = (month, Months.End(month));
        foreach (var group in charges.GroupBy(c => c.Subscription.CustomerId))
        {
            var number = 0;
            foreach (var c in group.OrderBy(c => c.Subscription.ProductName).ThenBy(c => c.Subscription.PlanName).ThenBy(c => c.Subscription.SubscriptionId).ThenBy(c => c.From))
            {
                db.Add(new StatementLine
                {
                    StatementId = statementOf[group.Key], LineNumber = ++number, ResellerId = resellerId, CustomerId = group.Key, Month = month,
                    Kind = StatementLineKind.Licence, SubscriptionId = c.Subscription.SubscriptionId, ProviderSubscriptionId = c.Subscription.ProviderSubscriptionId,
                    Vendor = c.Subscription.Vendor, ProductName = c.Subscription.ProductName, Description = c.Subscription.PlanName,
                    PeriodStart = c.From, PeriodEnd = c.To, Days = c.Days, DaysInPeriod = c.DaysInPeriod, Quantity = c.Quantity, Unit = c.Subscription.Unit,
                    UnitPrice = c.Subscription.UnitPrice, Cost = c.Cost, Price = c.Price, Currency = c.Subscription.Currency,
                });
            }
        }
        await db.SaveChangesAsync(ct);

        await StageUsageRatesAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO statement_lines (statement_id, line_number, reseller_id, customer_id, month, kind, subscription_id, provider_subscription_id, vendor,
                product_name, description, meter_id, usage_month, period_start, period_end, days, days_in_period, quantity, unit, unit_price, cost, price, currency, priced_at_cost)
            SELECT st.id, {FirstUsageLine} + row_number() OVER (PARTITION BY st.id ORDER BY u.usage_month, u.product_name, u.meter_name, u.meter_id, u.provider_subscription_id, u.currency),
                   {resellerId}, u.customer_id, {month}, 'Usage', u.subscription_id, u.provider_subscription_id, coalesce(v.name, 'Microsoft'),
                   u.product_name, u.meter_name, u.meter_id, u.usage_month, u.usage_month,
                   (u.usage_month + interval '1 month' - interval '1 day')::date, NULL, NULL, u.quantity, u.unit, NULL,
                   round(u.cost, 2), round(u.cost * (100 + coalesce(sr.percent, cr.percent, 0)) / 100, 2), u.currency, sr.percent IS NULL AND cr.percent IS NULL
            FROM (SELECT customer_id, usage_month, provider_subscription_id, meter_id, currency, max(subscription_id::text)::uuid AS subscription_id,
                         max(product_name) AS product_name, max(meter_name) AS meter_name, max(unit) AS unit, sum(quantity) AS quantity, sum(cost) AS cost
                  FROM usage_monthly WHERE reseller_id = {resellerId} AND billing_month = {month} AND customer_id IS NOT NULL
                  GROUP BY customer_id, usage_month, provider_subscription_id, meter_id, currency) u
            JOIN statements st ON st.reseller_id = {resellerId} AND st.month = {month} AND st.customer_id = u.customer_id
            LEFT JOIN run_subscription_rates sr ON sr.subscription_id = u.subscription_id
            LEFT JOIN run_customer_rates cr ON cr.customer_id = u.customer_id
            LEFT JOIN subscriptions s ON s.id = u.subscription_id
            LEFT JOIN plans pl ON pl.id = s.plan_id
            LEFT JOIN products p ON p.id = pl.product_id
            LEFT JOIN vendors v ON v.id = p.vendor_id
            """, ct);

        // The support plan's fee, per currency, on the month's licence and usage charges.
        var charged = await db.Set<StatementLine>().AsNoTracking().Where(l => l.Month == month)
            .GroupBy(l => new { l.StatementId, l.CustomerId, l.Currency }).Select(g => new { g.Key.StatementId, g.Key.CustomerId, g.Key.Currency, Charges = g.Sum(l => l.Price) })
            .ToListAsync(ct);
        foreach (var (customerId, plan) in plans)
        {
            if (!statementOf.TryGetValue(customerId, out var statementId))
                continue;
            var amounts = charged.Where(c => c.CustomerId == customerId).ToDictionary(c => c.Currency, c => c.Charges);
            if (plan.Currency is { } feeCurrency)
                amounts.TryAdd(feeCurrency, 0m);
            var number = FirstSupportLine;
            foreach (var (currency, amount) in amounts.OrderBy(a => a.Key))
            {
                var fee = plan.FeeFor(amount, currency);
                if (fee == 0)
                    continue;
                db.Add(new StatementLine
                {
                    StatementId = statementId, LineNumber = ++number, ResellerId = resellerId, CustomerId = customerId, Month = month, Kind = StatementLineKind.Support,
                    Vendor = "", ProductName = plan.Name, Description = plan.Name, PeriodStart = start, PeriodEnd = end, Quantity = 1, Unit = "",
                    UnitPrice = null, Cost = 0, Price = fee, Currency = currency,
                });
            }
        }
        await db.SaveChangesAsync(ct);

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO statement_totals (statement_id, currency, licences, usage, support, total, cost)
            SELECT statement_id, currency,
                   coalesce(sum(price) FILTER (WHERE kind = 'Licence'), 0), coalesce(sum(price) FILTER (WHERE kind = 'Usage'), 0),
                   coalesce(sum(price) FILTER (WHERE kind = 'Support'), 0), sum(price), sum(cost)
            FROM statement_lines WHERE reseller_id = {resellerId} AND month = {month}
            GROUP BY statement_id, currency
            """, ct);
        var lines = db.Set<StatementLine>().Where(l => l.Month == month);
        return (await lines.Select(l => l.StatementId).Distinct().CountAsync(ct), await lines.CountAsync(ct));
    }

    /// <summary>The subscriptions that may charge in the month (bought before its end, live or ended in it), with their seats over time.</summary>
    private async Task<List<LicenceFacts>> LicencesAsync(DateOnly month, CancellationToken ct)
    {
        var start = new DateTimeOffset(month.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = start.AddMonths(1);
        var subscriptions = await (
            from s in db.Set<Subscription>().AsNoTracking()
            where s.PurchasedAt < end && (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Suspended || s.History.Any(e => e.At >= start))
            join pl in db.Set<Plan>() on s.PlanId equals pl.Id
            join p in db.Set<Product>() on pl.ProductId equals p.Id
            join v in db.Set<Vendor>() on p.VendorId equals v.Id
            select new
            {
                s.Id, s.CustomerId, s.ProviderSubscriptionId, Vendor = v.Name, s.ProductName, s.PlanName, s.Term, s.Billing, s.Unit, s.Currency, s.UnitPrice, s.PurchasedAt,
                Cost = pl.Prices.Where(pp => pp.Currency == s.Currency).Select(pp => (decimal?)pp.Cost).FirstOrDefault(),
                History = s.History.Where(e => e.At < end).Select(e => new SubscriptionEvent { Kind = e.Kind, At = e.At, ToQuantity = e.ToQuantity }).ToList(),
            }).AsSplitQuery().ToListAsync(ct);
        return [.. subscriptions.Select(s => new LicenceFacts(s.Id, s.CustomerId, s.ProviderSubscriptionId, s.Vendor, s.ProductName, s.PlanName, s.Term, s.Billing,
            s.Unit, s.Currency, s.UnitPrice, s.Cost ?? 0m, s.PurchasedAt, LicenceCharges.Timeline(s.History)))];
    }

    /// <summary>
    /// Usage is priced at its cost with the percentage the customer's Microsoft price book gives the
    /// subscription's plan (or the book's default): per-meter usage has no list price, and a plan's
    /// fixed price is per seat. A customer with no book for Microsoft is charged cost, flagged as a gap.
    /// </summary>
    private async Task StageUsageRatesAsync(CancellationToken ct)
    {
        var books = await db.Set<ProviderAuthorization>().AsNoTracking().Where(a => a.Provider == "microsoft")
            .Join(db.Set<PriceBook>().Include(b => b.Rules), a => a.PriceBookId, b => b.Id, (a, b) => new { a.CustomerId, Book = b }).ToListAsync(ct);
        var bookOf = books.ToDictionary(b => b.CustomerId, b => b.Book);
        var plans = await (
            from s in db.Set<Subscription>().AsNoTracking()
            where s.Provider == "microsoft"
            join pl in db.Set<Plan>() on s.PlanId equals pl.Id
            join p in db.Set<Product>() on pl.ProductId equals p.Id
            select new { s.Id, s.CustomerId, Facts = new PlanFacts(pl.Id, p.Id, p.VendorId, p.Category, 0m, 0m) }).ToListAsync(ct);
        var subscriptionRates = plans.Where(s => bookOf.ContainsKey(s.CustomerId))
            .Select(s => (s.Id, Percent: bookOf[s.CustomerId].RuleFor(s.Facts)?.AdjustmentPercent ?? bookOf[s.CustomerId].DefaultAdjustmentPercent)).ToList();
        Guid[] customerIds = [.. bookOf.Keys];
        decimal[] customerPercents = [.. bookOf.Values.Select(b => b.DefaultAdjustmentPercent)];
        Guid[] subscriptionIds = [.. subscriptionRates.Select(r => r.Id)];
        decimal[] subscriptionPercents = [.. subscriptionRates.Select(r => r.Percent)];
        await db.Database.ExecuteSqlAsync($"""
            CREATE TEMP TABLE IF NOT EXISTS run_customer_rates (customer_id uuid PRIMARY KEY, percent numeric NOT NULL) ON COMMIT DROP;
            CREATE TEMP TABLE IF NOT EXISTS run_subscription_rates (subscription_id uuid PRIMARY KEY, percent numeric NOT NULL) ON COMMIT DROP;
            """, ct);
        await db.Database.ExecuteSqlAsync($"INSERT INTO run_customer_rates SELECT * FROM unnest({customerIds}, {customerPercents})", ct);
        await db.Database.ExecuteSqlAsync($"INSERT INTO run_subscription_rates SELECT * FROM unnest({subscriptionIds}, {subscriptionPercents})", ct);
    }
}
