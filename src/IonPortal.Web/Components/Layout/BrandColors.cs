using System.Globalization;

namespace IonPortal.Web.Components.Layout;

public static class BrandColors
{
    /// <summary>Black or white, whichever reads better on the colour (WCAG relative luminance).</summary>
    public static string TextOn(string hex)
    {
        if (hex is not { Length: 7 } || hex[0] != '#')
            return "#ffffff";
        static double Channel(string h, int at)
        {
            var c = int.Parse(h.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        var luminance = 0.2126 * Channel(hex, 1) + 0.7152 * Channel(hex, 3) + 0.0722 * Channel(hex, 5);
        return luminance > 0.45 ? "#1d2733" : "#ffffff";
    }
}
