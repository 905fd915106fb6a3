using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace IonPortal.Core;

/// <summary>
/// The languages the portal speaks, in one place: its pages and emails, and the language a customer
/// prefers. Adding one here (with its resources) adds it everywhere.
/// </summary>
public static class Languages
{
    public const string Default = "en";

    public static readonly IReadOnlyList<string> Supported = [Default, "es"];

    public static bool IsSupported([NotNullWhen(true)] string? code) => code is not null && Supported.Contains(code);

    /// <summary>The language's name in English ("Spanish"), for showing in the reader's language.</summary>
    public static string EnglishName(string code) => CultureInfo.GetCultureInfo(code).EnglishName;

    /// <summary>The language's name in itself ("Español"), as a language switch shows it.</summary>
    public static string OwnName(string code)
    {
        var culture = CultureInfo.GetCultureInfo(code);
        return culture.TextInfo.ToUpper(culture.NativeName[0]) + culture.NativeName[1..];
    }
}
