using System.Globalization;
using System.Text;
using IonPortal.Core.Accounts;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Paging;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Billing;

public sealed record StatementSummary(Guid Id, long Number, Guid CustomerId, string CustomerName, DateOnly Month, bool Issued, IReadOnlyList<StatementTotal> Totals);

/// <summary>Which statements a list shows: a month, a customer.</summary>
public sealed record StatementFilter(DateOnly? Month = null, Guid? CustomerId = null);

/// <summary>A statement line as its reader may see it: cost and margin only for the reseller's staff.</summary>
public sealed record StatementLineView(StatementLine Line, decimal? Cost, decimal? Margin);

/// <summary>A statement with its lines and totals, as the current person may see it.</summary>
public sealed record StatementView(Statement Statement, bool Issued, DateTimeOffset? IssuedAt, bool ShowsCost, IReadOnlyList<StatementLineView> Lines, IReadOnlyList<StatementTotal> Totals)
{
    public IEnumerable<StatementLineView> Late => Lines.Where(l => l.Line.IsLate);
}

/// <summary>A billing month as the reseller manages it: drafts or issued, how many statements and their totals.</summary>
public sealed record BillingMonth(DateOnly Month, DateTimeOffset? LastRunAt, DateTimeOffset? IssuedAt, string? IssuedBy, int Statements, IReadOnlyList<CurrencyAmount> Totals)
{
    public bool Issued => IssuedAt is not null;
}

public sealed record CurrencyAmount(string Currency, decimal Amount);

/// <summary>
/// Statements as people read them: the reseller's staff see every customer's (with cost and
/// margin), a customer's admin sees its own company's (without them); another's is not found.
/// </summary>
public sealed class Statements(PortalDbContext db, CurrentActor actor, OwnCompany company)
{
    public static readonly IReadOnlyList<string> SortableColumns = ["month", "number", "customer"];

    public async Task<Page<StatementSummary>> ListAsync(StatementFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var query = db.Set<Statement>().AsNoTracking();
        if (await OnlyCustomerAsync(filter.CustomerId, ct) is { } customerId)
            query = query.Where(s => s.CustomerId == customerId);
        if (filter.Month is { } month)
            query = query.Where(s => s.Month == Months.Start(month));
        query = (page.Sort, page.Descending) switch
        {
            ("number", var d) => d ? query.OrderByDescending(s => s.Number) : query.OrderBy(s => s.Number),
            ("customer", var d) => d ? query.OrderByDescending(s => s.CustomerName).ThenByDescending(s => s.Month) : query.OrderBy(s => s.CustomerName).ThenByDescending(s => s.Month),
            ("month", false) => query.OrderBy(s => s.Month).ThenBy(s => s.CustomerName),
            _ => query.OrderByDescending(s => s.Month).ThenBy(s => s.CustomerName),
        };
        var periods = db.Set<BillingPeriod>();
        return await query.Select(s => new StatementSummary(s.Id, s.Number, s.CustomerId, s.CustomerName, s.Month,
            periods.Any(p => p.Month == s.Month && p.IssuedAt != null), s.Totals.OrderBy(t => t.Currency).ToList())).ToPageAsync(page, ct);
    }

    /// <summary>A statement with its lines; null when the current person may not see it.</summary>
    public async Task<StatementView?> FindAsync(Guid id, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.ViewBilling))
            return null;
        var statement = await db.Set<Statement>().AsNoTracking().Include(s => s.Lines.OrderBy(l => l.LineNumber)).Include(s => s.Totals.OrderBy(t => t.Currency))
            .AsSplitQuery().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (statement is null || !await company.MaySeeAsync(statement.CustomerId, ct))
            return null;
        var period = await db.Set<BillingPeriod>().AsNoTracking().FirstOrDefaultAsync(p => p.Month == statement.Month, ct);
        var showsCost = !company.IsCustomerPerson;
        return new StatementView(statement, period?.IsIssued ?? false, period?.IssuedAt, showsCost,
            [.. statement.Lines.Select(l => new StatementLineView(l, showsCost ? l.Cost : null, showsCost ? l.Price - l.Cost : null))],
            statement.Totals);
    }

    /// <summary>The reseller's billing months, newest first: the ones run or issued, and the current one.</summary>
    public async Task<IReadOnlyList<BillingMonth>> MonthsAsync(CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.UseConsole) || !actor.May(PortalAction.ViewBilling))
            return [];
        var periods = await db.Set<BillingPeriod>().AsNoTracking().OrderByDescending(p => p.Month).Take(36).ToListAsync(ct);
        var months = periods.Select(p => p.Month).ToList();
        var totals = await db.Set<Statement>().AsNoTracking().Where(s => months.Contains(s.Month))
            .SelectMany(s => s.Totals.Select(t => new { s.Month, t.Currency, t.Total }))
            .GroupBy(x => new { x.Month, x.Currency }).Select(g => new { g.Key.Month, g.Key.Currency, Total = g.Sum(x => x.Total) }).ToListAsync(ct);
        var counts = await db.Set<Statement>().AsNoTracking().Where(s => months.Contains(s.Month)).GroupBy(s => s.Month)
            .Select(g => new { Month = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Month, x => x.Count, ct);
        return [.. periods.Select(p => new BillingMonth(p.Month, p.LastRunAt, p.IssuedAt, p.IssuedBy, counts.GetValueOrDefault(p.Month),
            [.. totals.Where(t => t.Month == p.Month).OrderBy(t => t.Currency).Select(t => new CurrencyAmount(t.Currency, t.Total))]))];
    }

    /// <summary>
    /// The statement as CSV (RFC 4180, invariant numbers, no cost for a customer's people): one row
    /// per line, then a total row per currency.
    /// </summary>
    public static string Csv(StatementView view)
    {
        var csv = new StringBuilder();
        var header = new List<string> { "Statement", "Month", "Customer", "Kind", "Vendor", "Product", "Description", "SubscriptionId", "MeterId", "UsageMonth",
            "From", "To", "Days", "DaysInPeriod", "Quantity", "Unit", "UnitPrice", "Amount", "Currency" };
        if (view.ShowsCost)
            header.AddRange(["Cost", "Margin"]);
        CsvText.Row(csv, header);
        var s = view.Statement;
        foreach (var l in view.Lines)
        {
            var line = l.Line;
            var row = new List<string>
            {
                s.Number.ToString(CultureInfo.InvariantCulture), s.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), s.CustomerName, line.Kind.ToString(), line.Vendor,
                line.ProductName, line.Description, line.ProviderSubscriptionId ?? "", line.MeterId ?? "", line.UsageMonth?.ToString("yyyy-MM", CultureInfo.InvariantCulture) ?? "",
                CsvText.Date(line.PeriodStart), CsvText.Date(line.PeriodEnd), line.Days?.ToString(CultureInfo.InvariantCulture) ?? "",
                line.DaysInPeriod?.ToString(CultureInfo.InvariantCulture) ?? "", CsvText.Number(line.Quantity), line.Unit, line.UnitPrice is { } p ? CsvText.Number(p) : "",
                CsvText.Number(line.Price), line.Currency,
            };
            if (view.ShowsCost)
                row.AddRange([CsvText.Number(l.Cost!.Value), CsvText.Number(l.Margin!.Value)]);
            CsvText.Row(csv, row);
        }
        foreach (var t in view.Totals)
        {
            var row = new List<string> { s.Number.ToString(CultureInfo.InvariantCulture), s.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), s.CustomerName, "Total",
                "", "", "", "", "", "", "", "", "", "", "", "", "", CsvText.Number(t.Total), t.Currency };
            if (view.ShowsCost)
                row.AddRange([CsvText.Number(t.Cost), CsvText.Number(t.Total - t.Cost)]);
            CsvText.Row(csv, row);
        }
        return csv.ToString();
    }

    /// <summary>Null for the reseller's staff (any customer, or the one asked for); the own company for a customer's people; nobody for anyone else.</summary>
    private async Task<Guid?> OnlyCustomerAsync(Guid? asked, CancellationToken ct)
    {
        if (company.IsCustomerPerson)
            return actor.May(PortalAction.ViewBilling) ? await company.IdAsync(ct) ?? Guid.Empty : Guid.Empty;
        return actor.May(PortalAction.UseConsole) && actor.May(PortalAction.ViewBilling) ? asked : Guid.Empty;
    }
}
