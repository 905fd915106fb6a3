using System.Collections.Concurrent;
using System.Globalization;
using IonPortal.Core.Catalog;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Localization;

/// <summary>Money, percentages and plan terms as the reader's language writes them.</summary>
public static class Formats
{
    /// <summary>US$1,234.56 in English, 1.234,56 US$ in Spanish.</summary>
    public static string Money(decimal amount, string currency) =>
        amount.ToString("C", MoneyFormats.GetOrAdd((CultureInfo.CurrentCulture.Name, currency), key =>
        {
            var format = (NumberFormatInfo)CultureInfo.GetCultureInfo(key.Culture).NumberFormat.Clone();
            format.CurrencySymbol = Currencies.SymbolOf(key.Currency);
            format.CurrencyDecimalDigits = 2;
            return NumberFormatInfo.ReadOnly(format);
        }));

    // A catalog page writes dozens of prices: each (language, currency) format is built once.
    private static readonly ConcurrentDictionary<(string Culture, string Currency), NumberFormatInfo> MoneyFormats = new();

    /// <summary>+15 %, −10 %: a signed percentage.</summary>
    public static string SignedPercent(decimal percent) =>
        (percent > 0 ? "+" : percent < 0 ? "−" : "") + Math.Abs(percent).ToString("0.##", CultureInfo.CurrentCulture) + " %";

    /// <summary>The currencies as a select's options.</summary>
    public static List<(string?, string)> CurrencyOptions => [.. Currencies.Supported.Select(c => ((string?)c, c))];

    public static string Percent(decimal percent) => percent.ToString("0.#", CultureInfo.CurrentCulture) + " %";

    public static string TermName(IStringLocalizer<Ui> L, Term term) => term switch
    {
        Term.P1M => L["1-month term"],
        Term.P1Y => L["1-year term"],
        _ => L["3-year term"],
    };

    public static string BillingName(IStringLocalizer<Ui> L, BillingFrequency billing) => billing switch
    {
        BillingFrequency.Monthly => L["billed monthly"],
        BillingFrequency.Annual => L["billed annually"],
        BillingFrequency.Triennial => L["billed every 3 years"],
        _ => L["billed once"],
    };

    /// <summary>"per user / month", "per licence / year", "per 100 GB, once".</summary>
    public static string PerUnit(IStringLocalizer<Ui> L, string unit, BillingFrequency billing) => billing switch
    {
        BillingFrequency.Monthly => L["per {0} / month", Unit(L, unit)],
        BillingFrequency.Annual => L["per {0} / year", Unit(L, unit)],
        BillingFrequency.Triennial => L["per {0} / 3 years", Unit(L, unit)],
        _ => L["per {0}, once", Unit(L, unit)],
    };

    /// <summary>The catalog's common units in the reader's language; other units as the catalog names them.</summary>
    public static string Unit(IStringLocalizer<Ui> L, string unit) => unit switch
    {
        "user" => L["user (unit)"],
        "licence" => L["licence"],
        "device" => L["device"],
        "workload" => L["workload"],
        _ => unit,
    };
}
