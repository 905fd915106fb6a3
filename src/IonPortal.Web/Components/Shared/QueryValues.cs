using System.Globalization;

namespace IonPortal.Web.Components.Shared;

/// <summary>
/// Reads values from a query string as a person (or a crawler, or a typo) may have written them:
/// anything that isn't a valid value is ignored, and numbers are kept within bounds, so a junk
/// value never becomes an error page.
/// </summary>
public static class QueryValues
{
    public static int Number(string? raw, int fallback, int min = 1, int max = 100_000) =>
        int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? Math.Clamp(value, min, max) : fallback;

    public static bool Flag(string? raw) => bool.TryParse(raw, out var value) && value;

    public static Guid? Id(string? raw) => Guid.TryParse(raw, out var value) ? value : null;

    /// <summary>A name of the enum (any case), never a number: "?status=7" means nothing.</summary>
    public static T? Choice<T>(string? raw) where T : struct, Enum =>
        raw is { Length: > 0 and < 40 } && !char.IsAsciiDigit(raw[0]) && !raw.StartsWith('-') && Enum.TryParse<T>(raw, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : null;

    /// <summary>One of the allowed words, or the fallback.</summary>
    public static string OneOf(string? raw, IReadOnlyCollection<string> allowed, string fallback) =>
        raw is not null && allowed.Contains(raw) ? raw : fallback;

    /// <summary>Free text without control characters (PostgreSQL refuses a NUL), trimmed and cut to a sane length; empty is null.</summary>
    public static string? Text(string? raw, int max = 200)
    {
        var text = new string((raw ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        return text.Length == 0 ? null : text.Length > max ? text[..max] : text;
    }
}
