using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using IonPortal.Core.Accounts;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Paging;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Billing;

public enum ReportPeriod
{
    ThisMonth,
    LastMonth,
    /// <summary>This month and the two before it.</summary>
    Last3Months,
    Custom,
}

public enum ReportGrouping
{
    Customer,
    Vendor,
    Product,
    Subscription,
    Meter,
    Month,
}

/// <summary>What a billing report shows: its period, how its charges are grouped, and what they are filtered to.</summary>
public sealed record ReportSettings(
    ReportPeriod Period = ReportPeriod.ThisMonth, DateOnly? From = null, DateOnly? To = null, ReportGrouping GroupBy = ReportGrouping.Customer,
    Guid? CustomerId = null, string? Vendor = null, string? Product = null, string? Subscription = null, string? Meter = null, StatementLineKind? Kind = null)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() }, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ReportSettings FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ReportSettings>(json, Json) ?? new();
        }
        catch (JsonException)
        {
            return new();   // a report saved by an older shape opens with the defaults rather than failing
        }
    }

    /// <summary>The first and last month the report covers, as of today.</summary>
    public (DateOnly From, DateOnly To) Months(DateOnly today)
    {
        var current = Billing.Months.Start(today);
        return Period switch
        {
            ReportPeriod.LastMonth => (current.AddMonths(-1), current.AddMonths(-1)),
            ReportPeriod.Last3Months => (current.AddMonths(-2), current),
            ReportPeriod.Custom => (Billing.Months.Start(From ?? today), Billing.Months.Start(To ?? From ?? today)),
            _ => (current, current),
        };
    }
}

/// <summary>One group of a report in one currency. Cost and margin are null for a customer's people.</summary>
public sealed record ReportRow(string Key, string Label, string Currency, decimal Quantity, decimal Price, decimal? Cost, decimal? Margin, decimal? MarginPercent);

public sealed record ReportTotal(string Currency, decimal Price, decimal? Cost, decimal? Margin, decimal? MarginPercent);

public sealed record ReportResult(ReportSettings Settings, DateOnly From, DateOnly To, bool ShowsCost, Page<ReportRow> Rows, IReadOnlyList<ReportTotal> Totals);

/// <summary>A value a report's filter offers: the key it filters by, and what people read.</summary>
public sealed record ReportChoice(string Key, string Label);

public sealed record ReportChoices(IReadOnlyList<string> Vendors, IReadOnlyList<string> Products, IReadOnlyList<ReportChoice> Subscriptions, IReadOnlyList<ReportChoice> Meters);

/// <summary>A report's lines, and whether the reader may see their cost.</summary>
public sealed record ReportLines(IReadOnlyList<ReportLine> Lines, bool ShowsCost);

/// <summary>A report's detail line, as exported (to pivot in a spreadsheet).</summary>
public sealed record ReportLine(DateOnly Month, long Statement, string Customer, string Kind, string Vendor, string Product, string Description, string Subscription,
    string Meter, DateOnly? UsageMonth, decimal Quantity, string Unit, decimal Price, decimal? Cost, string Currency);

/// <summary>
/// Billing reports over the statements' lines (this month's are drafts the scheduler keeps
/// current): grouped, filtered, sorted and paged in the database. The reseller's staff see every
/// customer with distributor cost and margin; a customer's admin sees its own charges only.
/// </summary>
public sealed class BillingReports(PortalDbContext db, CurrentActor actor, OwnCompany company, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> SortableColumns = ["label", "price", "cost", "margin"];

    /// <summary>How many lines an export holds at most (an Excel sheet's rows, less the header).</summary>
    public const int ExportLimit = 1_048_575;

    private sealed class Group
    {
        public string Key { get; init; } = "";
        public string Label { get; init; } = "";
        public string Currency { get; init; } = "";
        public decimal Quantity { get; init; }
        public decimal Price { get; init; }
        public decimal Cost { get; init; }
        public DateOnly Month { get; init; }
    }

    public async Task<Outcome<ReportResult>> RunAsync(ReportSettings settings, PageRequest page, CancellationToken ct = default)
    {
        if (Check(settings) is { } failure)
            return failure;
        var (from, to) = settings.Months(Today);
        var lines = await LinesAsync(settings, from, to, ct);
        var showsCost = !company.IsCustomerPerson;
        IQueryable<Group> groups = settings.GroupBy switch
        {
            ReportGrouping.Vendor => lines.GroupBy(x => new { x.Line.Vendor, x.Line.Currency })
                .Select(g => new Group { Key = g.Key.Vendor, Label = g.Key.Vendor, Currency = g.Key.Currency, Quantity = g.Sum(x => x.Line.Quantity), Price = g.Sum(x => x.Line.Price), Cost = g.Sum(x => x.Line.Cost) }),
            ReportGrouping.Product => lines.GroupBy(x => new { x.Line.ProductName, x.Line.Currency })
                .Select(g => new Group { Key = g.Key.ProductName, Label = g.Key.ProductName, Currency = g.Key.Currency, Quantity = g.Sum(x => x.Line.Quantity), Price = g.Sum(x => x.Line.Price), Cost = g.Sum(x => x.Line.Cost) }),
            ReportGrouping.Subscription => lines.Where(x => x.Line.ProviderSubscriptionId != null).GroupBy(x => new { x.Line.ProviderSubscriptionId, x.Line.Currency })
                .Select(g => new Group { Key = g.Key.ProviderSubscriptionId!, Label = g.Max(x => x.CustomerName + " · " + x.Line.ProductName)!, Currency = g.Key.Currency, Quantity = g.Sum(x => x.Line.Quantity), Price = g.Sum(x => x.Line.Price), Cost = g.Sum(x => x.Line.Cost) }),
            ReportGrouping.Meter => lines.Where(x => x.Line.MeterId != null).GroupBy(x => new { x.Line.MeterId, x.Line.Currency })
                .Select(g => new Group { Key = g.Key.MeterId!, Label = g.Max(x => x.Line.Description)!, Currency = g.Key.Currency, Quantity = g.Sum(x => x.Line.Quantity), Price = g.Sum(x => x.Line.Price), Cost = g.Sum(x => x.Line.Cost) }),
            ReportGrouping.Month => lines.GroupBy(x => new { x.Line.Month, x.Line.Currency })
                .Select(g => new Group { Month = g.Key.Month, Currency = g.Key.Currency, Quantity = g.Sum(x => x.Line.Quantity), Price = g.Sum(x => x.Line.Price), Cost = g.Sum(x => x.Line.Cost) }),
            _ => lines.GroupBy(x => new { x.Line.CustomerId, x.Line.Currency })
                .Select(g => new Group { Key = g.Key.CustomerId.ToString(), Label = g.Max(x => x.CustomerName)!, Currency = g.Key.Currency, Quantity = g.Sum(x => x.Line.Quantity), Price = g.Sum(x => x.Line.Price), Cost = g.Sum(x => x.Line.Cost) }),
        };
        var sort = showsCost || page.Sort is not ("cost" or "margin") ? page.Sort : null;
        groups = (sort, page.Descending) switch
        {
            ("label", var d) => d ? groups.OrderByDescending(g => g.Label).ThenByDescending(g => g.Month).ThenBy(g => g.Currency) : groups.OrderBy(g => g.Label).ThenBy(g => g.Month).ThenBy(g => g.Currency),
            ("cost", var d) => d ? groups.OrderByDescending(g => g.Cost).ThenBy(g => g.Label) : groups.OrderBy(g => g.Cost).ThenBy(g => g.Label),
            ("margin", var d) => d ? groups.OrderByDescending(g => g.Price - g.Cost).ThenBy(g => g.Label) : groups.OrderBy(g => g.Price - g.Cost).ThenBy(g => g.Label),
            ("price", false) => groups.OrderBy(g => g.Price).ThenBy(g => g.Label),
            // A month report reads in time order; the others biggest first.
            (null, _) when settings.GroupBy == ReportGrouping.Month => groups.OrderBy(g => g.Month).ThenBy(g => g.Currency),
            _ => groups.OrderByDescending(g => g.Price).ThenBy(g => g.Label),
        };
        var found = await groups.ToPageAsync(page, ct);
        var rows = found.Items.Select(g => settings.GroupBy == ReportGrouping.Month
            ? Row(g.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), g.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), g.Currency, g.Quantity, g.Price, g.Cost, showsCost)
            : Row(g.Key, g.Label, g.Currency, g.Quantity, g.Price, g.Cost, showsCost)).ToList();
        var totals = await lines.GroupBy(x => x.Line.Currency).Select(g => new { Currency = g.Key, Price = g.Sum(x => x.Line.Price), Cost = g.Sum(x => x.Line.Cost) })
            .OrderBy(t => t.Currency).ToListAsync(ct);
        return new ReportResult(settings, from, to, showsCost, new Page<ReportRow>(rows, found.Number, found.Size, found.TotalCount),
            [.. totals.Select(t => new ReportTotal(t.Currency, t.Price, showsCost ? t.Cost : null, showsCost ? t.Price - t.Cost : null,
                showsCost ? Pricing.Money.MarginPercent(t.Price, t.Cost) : null))]);
    }

    /// <summary>What a report's filters offer: the vendors, products, subscriptions and meters charged in its period (to the reader's own company, for a customer).</summary>
    public async Task<ReportChoices> ChoicesAsync(ReportSettings settings, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.ViewBilling))
            return new([], [], [], []);
        var (from, to) = settings.Months(Today);
        var lines = await LinesAsync(new ReportSettings(settings.Period, settings.From, settings.To), from, to, ct);
        var vendors = await lines.Where(x => x.Line.Vendor != "").Select(x => x.Line.Vendor).Distinct().OrderBy(v => v).ToListAsync(ct);
        var products = await lines.Select(x => x.Line.ProductName).Distinct().OrderBy(p => p).Take(ChoicesShown).ToListAsync(ct);
        var subscriptions = await lines.Where(x => x.Line.ProviderSubscriptionId != null)
            .GroupBy(x => x.Line.ProviderSubscriptionId!).Select(g => new { Key = g.Key, Label = g.Max(x => x.CustomerName + " · " + x.Line.ProductName)! })
            .OrderBy(x => x.Label).Take(ChoicesShown).ToListAsync(ct);
        var meters = await lines.Where(x => x.Line.MeterId != null)
            .GroupBy(x => x.Line.MeterId!).Select(g => new { Key = g.Key, Label = g.Max(x => x.Line.Description)! })
            .OrderBy(x => x.Label).Take(ChoicesShown).ToListAsync(ct);
        return new(vendors, products, [.. subscriptions.Select(x => new ReportChoice(x.Key, x.Label))], [.. meters.Select(x => new ReportChoice(x.Key, x.Label))]);
    }

    /// <summary>How many products, subscriptions or meters a filter offers at most.</summary>
    public const int ChoicesShown = 500;

    /// <summary>Every line of the report, for an export (oldest month first, by customer).</summary>
    public async Task<Outcome<ReportLines>> LinesAsync(ReportSettings settings, CancellationToken ct = default)
    {
        if (Check(settings) is { } failure)
            return failure;
        var (from, to) = settings.Months(Today);
        var showsCost = !company.IsCustomerPerson;
        var lines = await (await LinesAsync(settings, from, to, ct))
            .OrderBy(x => x.Line.Month).ThenBy(x => x.CustomerName).ThenBy(x => x.Number).ThenBy(x => x.Line.LineNumber).Take(ExportLimit)
            .Select(x => new { x.Line, x.CustomerName, x.Number }).ToListAsync(ct);
        return new ReportLines([.. lines.Select(x => new ReportLine(x.Line.Month, x.Number, x.CustomerName, x.Line.Kind.ToString(), x.Line.Vendor,
            x.Line.ProductName, x.Line.Description, x.Line.ProviderSubscriptionId ?? "", x.Line.MeterId ?? "", x.Line.UsageMonth, x.Line.Quantity, x.Line.Unit,
            x.Line.Price, showsCost ? x.Line.Cost : null, x.Line.Currency))], showsCost);
    }

    /// <summary>The report's lines as CSV: RFC 4180, numbers unformatted (the download adds the byte-order mark).</summary>
    public static string Csv(ReportLines report)
    {
        var csv = new StringBuilder();
        CsvText.Row(csv, Header(report.ShowsCost));
        foreach (var l in report.Lines)
            CsvText.Row(csv, Cells(l, report.ShowsCost).Select(c => c switch
            {
                decimal d => CsvText.Number(d),
                long n => n.ToString(CultureInfo.InvariantCulture),
                DateOnly date => date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                null => "",
                _ => c.ToString()!,
            }));
        return csv.ToString();
    }

    public static IReadOnlyList<string> Header(bool showsCost) =>
        [.. (string[])["Month", "Statement", "Customer", "Kind", "Vendor", "Product", "Description", "Subscription", "Meter", "UsageMonth", "Quantity", "Unit", "Amount", "Currency"],
         .. showsCost ? (string[])["Cost", "Margin"] : []];

    /// <summary>A line's cells in the header's order: text, numbers (decimal, long), months (DateOnly) or nothing.</summary>
    public static IReadOnlyList<object?> Cells(ReportLine l, bool showsCost) =>
        [l.Month, l.Statement, l.Customer, l.Kind, l.Vendor, l.Product, l.Description, l.Subscription, l.Meter, l.UsageMonth, l.Quantity, l.Unit, l.Price, l.Currency,
         .. showsCost ? (object?[])[l.Cost, l.Price - l.Cost] : []];

    private sealed class Source
    {
        public StatementLine Line { get; init; } = default!;
        public string CustomerName { get; init; } = "";
        public long Number { get; init; }
    }

    private async Task<IQueryable<Source>> LinesAsync(ReportSettings s, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var lines = db.Set<StatementLine>().AsNoTracking().Where(l => l.Month >= first && l.Month <= last)
            .Join(db.Set<Statement>(), l => l.StatementId, st => st.Id, (l, st) => new Source { Line = l, CustomerName = st.CustomerName, Number = st.Number });
        if (company.IsCustomerPerson)
        {
            var own = await company.IdAsync(ct) ?? Guid.Empty;
            lines = lines.Where(x => x.Line.CustomerId == own);
        }
        else if (!actor.May(PortalAction.UseConsole))
            lines = lines.Where(_ => false);
        if (s.CustomerId is { } customer)
            lines = lines.Where(x => x.Line.CustomerId == customer);
        if (s.Vendor is { Length: > 0 } vendor)
            lines = lines.Where(x => x.Line.Vendor == vendor);
        if (s.Product is { Length: > 0 } product)
            lines = lines.Where(x => x.Line.ProductName == product);
        if (s.Subscription is { Length: > 0 } subscription)
            lines = lines.Where(x => x.Line.ProviderSubscriptionId == subscription);
        if (s.Meter is { Length: > 0 } meter)
            lines = lines.Where(x => x.Line.MeterId == meter);
        if (s.Kind is { } kind)
            lines = lines.Where(x => x.Line.Kind == kind);
        return lines;
    }

    private Failure? Check(ReportSettings settings)
    {
        if (!actor.May(PortalAction.ViewBilling))
            return Outcome.Forbidden(Problems.MayNotViewBilling);
        if (settings.Period == ReportPeriod.Custom && settings.From is { } first && settings.To is { } last && Months.Start(first) > Months.Start(last))
            return Outcome.Invalid("To", Problems.ReportPeriodInvalid);
        return null;
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static ReportRow Row(string key, string label, string currency, decimal quantity, decimal price, decimal cost, bool showsCost) =>
        new(key, label, currency, quantity, price, showsCost ? cost : null, showsCost ? price - cost : null, showsCost ? Pricing.Money.MarginPercent(price, cost) : null);
}
