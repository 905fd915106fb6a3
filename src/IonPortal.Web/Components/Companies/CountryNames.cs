using IonPortal.Core.Customers;
using IonPortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Components.Companies;

/// <summary>The supported countries by name in the reader's language, in that language's alphabetical order.</summary>
public static class CountryNames
{
    public static string Of(IStringLocalizer<Ui> L, string? code) =>
        PostalAddresses.Find(code) is { } country ? L[country.Name] : code ?? "";

    public static IEnumerable<(string Code, string Name)> All(IStringLocalizer<Ui> L) =>
        PostalAddresses.Countries.Select(c => (c.Code, Name: L[c.Name].Value))
            .OrderBy(c => c.Name, StringComparer.Create(System.Globalization.CultureInfo.CurrentUICulture, ignoreCase: true));

    public static string LanguageName(IStringLocalizer<Ui> L, string? language) => language == "es" ? L["Spanish"] : L["English"];
}
