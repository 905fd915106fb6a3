using IonPortal.Core.Accounts;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.MicrosoftTenants;
using IonPortal.Core.PartnerCenter;
using IonPortal.Core.Pricing;
using IonPortal.Core.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Billing;

/// <summary>What a dashboard shows: how many months back its trends go, and one vendor or all.</summary>
public sealed record DashboardFilter(int Months = 12, string? Vendor = null)
{
    public static readonly IReadOnlyList<int> MonthChoices = [3, 6, 12];

    public int MonthsShown => MonthChoices.Contains(Months) ? Months : 12;
}

public sealed record NamedAmount(string Name, decimal Amount);

/// <summary>A month's figure for a series (a vendor's spend, the margin).</summary>
public sealed record MonthPoint(DateOnly Month, string Series, decimal Value);

/// <summary>The reseller's dashboard, in its main currency (the one most charged this month).</summary>
public sealed record ResellerDashboard(
    string Currency, decimal ThisMonth, decimal LastMonth, decimal? ChangePercent, int ActiveSubscriptions, int Seats,
    IReadOnlyList<NamedAmount> TopCustomers, IReadOnlyList<NamedAmount> TopProducts, IReadOnlyList<MonthPoint> SpendByVendor, IReadOnlyList<MonthPoint> MarginPercent,
    IReadOnlyList<DateOnly> MonthsShown, IReadOnlyList<string> Vendors, IReadOnlyList<string> OtherCurrencies);

/// <summary>A subscription's seats: bought, and assigned to people (when the provider says).</summary>
public sealed record SeatUse(string Product, string Plan, int Purchased, int? Assigned);

public sealed record CustomerDashboard(
    string Currency, decimal ThisMonth, IReadOnlyList<MonthPoint> SpendByMonth, IReadOnlyList<NamedAmount> SpendByProduct, int ActiveSubscriptions,
    IReadOnlyList<SeatUse> Seats, bool SeatsAssignedKnown, IReadOnlyList<DateOnly> MonthsShown, IReadOnlyList<string> Vendors);

/// <summary>
/// The dashboards, from the statements' lines (this month's are the drafts the scheduler keeps
/// current) and the subscriptions: a few grouped queries, each on the month index.
/// </summary>
public sealed class Dashboards(PortalDbContext db, CurrentActor actor, OwnCompany company, PartnerCenterClient partnerCenter, TimeProvider clock)
{
    public const int TopCount = 5;

    public async Task<ResellerDashboard?> ForResellerAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        if (company.IsCustomerPerson || !actor.May(PortalAction.UseConsole) || !actor.May(PortalAction.ViewBilling))
            return null;
        var (current, months) = Window(filter);
        var lines = Lines(months[0], current, filter.Vendor);
        var currencies = await lines.Where(l => l.Month == current).GroupBy(l => l.Currency).Select(g => new { g.Key, Total = g.Sum(l => l.Price) })
            .OrderByDescending(c => c.Total).Select(c => c.Key).ToListAsync(ct);
        var currency = currencies.FirstOrDefault() ?? await MainCurrencyAsync(ct);
        lines = lines.Where(l => l.Currency == currency);

        var byMonthVendor = await lines.GroupBy(l => new { l.Month, l.Vendor })
            .Select(g => new { g.Key.Month, g.Key.Vendor, Price = g.Sum(l => l.Price), Cost = g.Sum(l => l.Cost) }).ToListAsync(ct);
        decimal Total(DateOnly month) => byMonthVendor.Where(x => x.Month == month).Sum(x => x.Price);
        var (thisMonth, lastMonth) = (Total(current), Total(current.AddMonths(-1)));
        var topCustomers = await lines.Where(l => l.Month == current).Join(db.Set<Statement>(), l => l.StatementId, s => s.Id, (l, s) => new { s.CustomerName, l.Price })
            .GroupBy(x => x.CustomerName).Select(g => new { Name = g.Key, Amount = g.Sum(x => x.Price) }).OrderByDescending(x => x.Amount).Take(TopCount)
            .Select(x => new NamedAmount(x.Name, x.Amount)).ToListAsync(ct);
        var topProducts = await lines.Where(l => l.Month == current && l.Kind != StatementLineKind.Support)
            .GroupBy(l => l.ProductName).Select(g => new { Name = g.Key, Amount = g.Sum(l => l.Price) }).OrderByDescending(x => x.Amount).Take(TopCount)
            .Select(x => new NamedAmount(x.Name, x.Amount)).ToListAsync(ct);
        var live = db.Set<Subscription>().AsNoTracking().Where(s => s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Suspended);
        var (subscriptions, seats) = (await live.CountAsync(ct), await live.SumAsync(s => s.Quantity, ct));

        var vendorSpend = byMonthVendor.Where(x => x.Vendor.Length > 0).Select(x => new MonthPoint(x.Month, x.Vendor, x.Price)).OrderBy(p => p.Month).ThenBy(p => p.Series).ToList();
        var margin = months.Select(m => (m, Price: byMonthVendor.Where(x => x.Month == m).Sum(x => x.Price), Cost: byMonthVendor.Where(x => x.Month == m).Sum(x => x.Cost)))
            .Where(x => x.Price != 0).Select(x => new MonthPoint(x.m, "", Money.MarginPercent(x.Price, x.Cost) ?? 0m)).ToList();
        return new ResellerDashboard(currency, thisMonth, lastMonth, lastMonth == 0 ? null : Math.Round((thisMonth - lastMonth) / lastMonth * 100m, 1, MidpointRounding.AwayFromZero),
            subscriptions, seats, topCustomers, topProducts, vendorSpend, margin, months, await VendorsAsync(months, null, ct), [.. currencies.Skip(1)]);
    }

    /// <summary>The customer's own dashboard (a customer's admin in its portal); never cost or margin.</summary>
    public async Task<CustomerDashboard?> ForCustomerAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        if (!company.IsCustomerPerson || !actor.May(PortalAction.ViewBilling) || await company.IdAsync(ct) is not { } customerId)
            return null;
        var (current, months) = Window(filter);
        var lines = Lines(months[0], current, filter.Vendor).Where(l => l.CustomerId == customerId);
        var currency = await lines.GroupBy(l => l.Currency).Select(g => new { g.Key, Total = g.Sum(l => l.Price) }).OrderByDescending(c => c.Total).Select(c => c.Key).FirstOrDefaultAsync(ct)
            ?? await db.Set<Customer>().Where(c => c.Id == customerId).Select(c => c.Currency).FirstAsync(ct);
        lines = lines.Where(l => l.Currency == currency);
        var byMonth = await lines.GroupBy(l => l.Month).Select(g => new { Month = g.Key, Amount = g.Sum(l => l.Price) }).OrderBy(p => p.Month)
            .Select(x => new MonthPoint(x.Month, "", x.Amount)).ToListAsync(ct);
        var byProduct = await lines.GroupBy(l => l.ProductName).Select(g => new { Name = g.Key, Amount = g.Sum(l => l.Price) }).OrderByDescending(x => x.Amount).Take(10)
            .Select(x => new NamedAmount(x.Name, x.Amount)).ToListAsync(ct);

        var live = await db.Set<Subscription>().AsNoTracking().Where(s => s.CustomerId == customerId && (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Suspended))
            .OrderBy(s => s.ProductName).Select(s => new { s.Provider, s.ProductName, s.PlanName, s.Sku, s.Quantity }).ToListAsync(ct);
        // Assigned seats come from Microsoft in one call for the whole tenant; when it can't answer, the dashboard says so.
        IReadOnlyList<LicenceCount>? counts = null;
        if (live.Any(s => s.Provider == "microsoft") && await db.Set<MicrosoftTenant>().AsNoTracking().LinkedFor(customerId).FirstOrDefaultAsync(ct) is { TenantId: { } tenantId })
        {
            var answer = await partnerCenter.LicenceCountsAsync(tenantId, ct);
            counts = answer.IsDone ? answer.Value : null;
        }
        var seats = live.Select(s => new SeatUse(s.ProductName, s.PlanName, s.Quantity,
            s.Provider == "microsoft" ? counts?.FirstOrDefault(c => c.SkuId == s.Sku)?.Assigned : null)).ToList();
        return new CustomerDashboard(currency, byMonth.FirstOrDefault(p => p.Month == current)?.Value ?? 0m, byMonth, byProduct, live.Count, seats, counts is not null,
            months, await VendorsAsync(months, customerId, ct));
    }

    private (DateOnly Current, IReadOnlyList<DateOnly> Months) Window(DashboardFilter filter)
    {
        var current = Billing.Months.Start(clock.GetUtcNow());
        return (current, [.. Enumerable.Range(0, filter.MonthsShown).Select(i => current.AddMonths(i - filter.MonthsShown + 1))]);
    }

    private IQueryable<StatementLine> Lines(DateOnly from, DateOnly to, string? vendor)
    {
        var lines = db.Set<StatementLine>().AsNoTracking().Where(l => l.Month >= from && l.Month <= to);
        return vendor is { Length: > 0 } ? lines.Where(l => l.Vendor == vendor) : lines;
    }

    /// <summary>The vendors charged in the window (to the customer, for its own dashboard), for the vendor filter.</summary>
    private async Task<List<string>> VendorsAsync(IReadOnlyList<DateOnly> months, Guid? customerId, CancellationToken ct) =>
        await Lines(months[0], months[^1], null).Where(l => l.Vendor != "" && (customerId == null || l.CustomerId == customerId))
            .Select(l => l.Vendor).Distinct().OrderBy(v => v).ToListAsync(ct);

    private async Task<string> MainCurrencyAsync(CancellationToken ct) =>
        await db.Set<Customer>().AsNoTracking().GroupBy(c => c.Currency).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefaultAsync(ct) ?? "USD";
}
