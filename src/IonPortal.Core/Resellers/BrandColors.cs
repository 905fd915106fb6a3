using System.Globalization;

namespace IonPortal.Core.Resellers;

/// <summary>
/// A reseller's brand colours and how readable text is on them (WCAG 2.1 contrast ratios): the
/// settings check them, and the storefront's theme picks the text colour and, when needed, a
/// darker shade from them.
/// </summary>
public static class BrandColors
{
    /// <summary>The contrast WCAG AA asks of normal text.</summary>
    public const double MinimumContrast = 4.5;

    public const string DarkText = "#1d2733";

    public static bool IsHex(string? hex) => hex is { Length: 7 } && hex[0] == '#' && hex.Skip(1).All(char.IsAsciiHexDigit);

    /// <summary>The dark text colour or white, whichever contrasts more with the colour.</summary>
    public static string TextOn(string hex)
    {
        if (!IsHex(hex))
            return "#ffffff";
        var background = Luminance(hex);
        var onWhite = 1.05 / (background + 0.05);
        var onDark = (background + 0.05) / (Luminance(DarkText) + 0.05);
        return onWhite >= onDark ? "#ffffff" : DarkText;
    }

    /// <summary>How well the best text colour reads on the colour (1 to 21).</summary>
    public static double ContrastOfText(string hex) => IsHex(hex) ? Contrast(hex, TextOn(hex)) : 1;

    /// <summary>The colour, or a darker shade of it when no text colour reaches <see cref="MinimumContrast"/> on it (a mid orange, say).</summary>
    public static string Readable(string hex)
    {
        if (!IsHex(hex))
            return hex;
        var (r, g, b) = (Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));
        var colour = hex.ToLowerInvariant();
        while (Contrast(colour, TextOn(colour)) < MinimumContrast && (r + g + b) > 0)
        {
            (r, g, b) = ((int)(r * 0.92), (int)(g * 0.92), (int)(b * 0.92));
            colour = $"#{r:x2}{g:x2}{b:x2}";
        }
        return colour;
    }

    public static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        static double Channel(string h, int at)
        {
            var c = int.Parse(h.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(hex, 1) + 0.7152 * Channel(hex, 3) + 0.0722 * Channel(hex, 5);
    }
}
