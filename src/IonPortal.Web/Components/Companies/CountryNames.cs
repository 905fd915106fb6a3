using IonPortal.Core.Customers;
using IonPortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Components.Companies;

/// <summary>The supported countries by name in the reader's language, in that language's alphabetical order.</summary>
public static class CountryNames
{
    public static string Of(IStringLocalizer<Ui> L, string? code) => code?.ToUpperInvariant() switch
    {
        "US" => L["United States"],
        "CA" => L["Canada"],
        "MX" => L["Mexico"],
        "BR" => L["Brazil"],
        "CO" => L["Colombia"],
        "AR" => L["Argentina"],
        "CL" => L["Chile"],
        "PE" => L["Peru"],
        "ES" => L["Spain"],
        "GB" => L["United Kingdom"],
        "DE" => L["Germany"],
        _ => code ?? "",
    };

    public static IEnumerable<(string Code, string Name)> All(IStringLocalizer<Ui> L) =>
        PostalAddresses.Countries.Select(c => (c.Code, Name: Of(L, c.Code)))
            .OrderBy(c => c.Name, StringComparer.Create(System.Globalization.CultureInfo.CurrentUICulture, ignoreCase: true));

    public static string LanguageName(IStringLocalizer<Ui> L, string? language) => language == "es" ? L["Spanish"] : L["English"];
}
