using IonPortal.Core.Billing;
using IonPortal.Web.Components.Shared;
using Microsoft.AspNetCore.WebUtilities;

namespace IonPortal.Web.Components.Billing;

/// <summary>A report's settings in the address (so a report is a link to share, and its exports are links too); junk is ignored.</summary>
public static class ReportQuery
{
    public static ReportSettings Read(Func<string, string?> value) => new(
        QueryValues.Choice<ReportPeriod>(value("period")) ?? ReportPeriod.ThisMonth,
        BillingText.ReadMonth(value("from")), BillingText.ReadMonth(value("to")),
        QueryValues.Choice<ReportGrouping>(value("group")) ?? ReportGrouping.Customer,
        QueryValues.Id(value("customer")), QueryValues.Text(value("vendor"), 80), QueryValues.Text(value("product"), 200),
        QueryValues.Text(value("subscription"), 64), QueryValues.Text(value("meter"), 64), QueryValues.Choice<StatementLineKind>(value("kind")));

    public static string Write(string path, ReportSettings s, IEnumerable<KeyValuePair<string, string?>>? more = null)
    {
        var values = Values(s);
        foreach (var (key, value) in more ?? [])
            values[key] = value;
        return QueryHelpers.AddQueryString(path, values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    /// <summary>The settings by their names in the address; a default is null, so links stay short.</summary>
    public static Dictionary<string, string?> Values(ReportSettings s) => new()
    {
        ["period"] = s.Period == ReportPeriod.ThisMonth ? null : s.Period.ToString(),
        ["from"] = s.Period == ReportPeriod.Custom && s.From is { } from ? BillingText.Key(from) : null,
        ["to"] = s.Period == ReportPeriod.Custom && s.To is { } to ? BillingText.Key(to) : null,
        ["group"] = s.GroupBy == ReportGrouping.Customer ? null : s.GroupBy.ToString(),
        ["customer"] = s.CustomerId?.ToString(),
        ["vendor"] = s.Vendor, ["product"] = s.Product, ["subscription"] = s.Subscription, ["meter"] = s.Meter,
        ["kind"] = s.Kind?.ToString(),
    };
}
