using System.Globalization;
using IonPortal.Core.Billing;
using IonPortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Components.Billing;

/// <summary>Billing's words and months, as the reader's language writes them.</summary>
public static class BillingText
{
    /// <summary>"December 2026" / "diciembre de 2026".</summary>
    public static string Month(DateOnly month) => month.ToDateTime(TimeOnly.MinValue).ToString("Y", CultureInfo.CurrentCulture);

    /// <summary>The month as the address writes it: 2026-12.</summary>
    public static string Key(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>A month from the address (2026-12); anything else is none.</summary>
    public static DateOnly? ReadMonth(string? raw) =>
        DateOnly.TryParseExact(raw + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) ? month : null;

    /// <summary>The months a billing picker offers, newest first: this one and the ones before it (as far as usage is kept).</summary>
    public static List<(string?, string)> MonthOptions(int count = UsageImporter.MonthsBack) =>
        [.. Enumerable.Range(0, count).Select(i => Months.Start(DateTimeOffset.UtcNow).AddMonths(-i)).Select(m => ((string?)Key(m), Month(m)))];

    public static string Kind(IStringLocalizer<Ui> L, StatementLineKind kind) => kind switch
    {
        StatementLineKind.Licence => L["Licences"],
        StatementLineKind.Usage => L["Usage"],
        _ => L["Support"],
    };

    public static string Period(IStringLocalizer<Ui> L, ReportPeriod period) => period switch
    {
        ReportPeriod.ThisMonth => L["This month"],
        ReportPeriod.LastMonth => L["Last month"],
        ReportPeriod.Last3Months => L["Last 3 months"],
        _ => L["Months of my choice"],
    };

    public static string Grouping(IStringLocalizer<Ui> L, ReportGrouping grouping) => grouping switch
    {
        ReportGrouping.Customer => L["Customer"],
        ReportGrouping.Vendor => L["Vendor"],
        ReportGrouping.Product => L["Product"],
        ReportGrouping.Subscription => L["Subscription"],
        ReportGrouping.Meter => L["Meter"],
        _ => L["Month"],
    };

    /// <summary>Totals per currency on one line: "US$224.89 · CA$12.00".</summary>
    public static string Totals(IEnumerable<(string Currency, decimal Amount)> totals) =>
        string.Join(" · ", totals.Select(t => Formats.Money(t.Amount, t.Currency)));
}
