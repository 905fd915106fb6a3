using IonPortal.Core.Pricing;
using IonPortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Components.Console.PriceBooks;

/// <summary>Rules and bases in words, for tables and explanations.</summary>
public static class PricingText
{
    public static string Basis(IStringLocalizer<Ui> L, PriceBasis basis) =>
        basis == PriceBasis.Cost ? L["Distributor cost"] : L["List price"];

    public static string Scope(IStringLocalizer<Ui> L, RuleScope? scope) => scope switch
    {
        RuleScope.Plan => L["Plan"],
        RuleScope.Product => L["Product"],
        RuleScope.Category => L["Category"],
        RuleScope.Vendor => L["Vendor"],
        _ => L["Book default"],
    };

    /// <summary>"+15 %", "−10 %", or a fixed price in the book's currency.</summary>
    public static string Value(PriceRule rule, string currency) =>
        rule.FixedPrice is { } price ? Formats.Money(price, currency) : Formats.SignedPercent(rule.AdjustmentPercent ?? 0m);

    /// <summary>What set a quoted price: "Plan: US$149.00", "Vendor: +10 %", "Book default: +15 %".</summary>
    public static string SetBy(IStringLocalizer<Ui> L, PlanQuote quote, PriceBook book) =>
        quote.Rule is { } rule
            ? $"{Scope(L, rule.Scope)}: {(rule.FixedPrice is not null ? L["fixed"] + " " : "")}{Value(rule, book.Currency)}"
            : $"{Scope(L, null)}: {Formats.SignedPercent(book.DefaultAdjustmentPercent)}";
}
