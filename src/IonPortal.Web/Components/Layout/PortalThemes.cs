using System.Globalization;
using IonPortal.Core.Data;
using IonPortal.Core.Resellers;
using IonPortal.Web.Caching;
using MudBlazor;

namespace IonPortal.Web.Components.Layout;

/// <summary>
/// The MudBlazor themes: one for the console and the admin, and one per reseller for its white-label
/// storefront and customer portal, built from its brand colours, cached and evicted with the reseller.
/// </summary>
public sealed class PortalThemes(StorefrontCache cache)
{
    public const string PlatformPrimary = "#1f3b57";
    public const string PlatformAccent = "#f59f00";

    public static readonly MudTheme Staff = Build(PlatformPrimary, PlatformAccent);

    /// <summary>The storefront's theme: the reseller's colours on its white-label storefront, the platform's on the marketplace.</summary>
    public Task<MudTheme> StorefrontAsync(Reseller reseller, bool whiteLabel) =>
        whiteLabel
            ? cache.GetAsync($"theme:{reseller.Id:N}", () => Task.FromResult<(MudTheme, IEnumerable<string>)>(
                (Build(reseller.PrimaryColor, reseller.AccentColor), [ChangeTags.Reseller(reseller.Id)])))
            : Task.FromResult(Staff);

    private static MudTheme Build(string brandPrimary, string brandAccent)
    {
        var (primary, accent) = (Readable(brandPrimary), Readable(brandAccent));
        return new MudTheme
        {
            PaletteLight = new PaletteLight
            {
                Primary = primary,
                PrimaryContrastText = TextOn(primary),
                Secondary = accent,
                SecondaryContrastText = TextOn(accent),
                AppbarBackground = primary,
                AppbarText = TextOn(primary),
                Background = "#f5f7fa",
                DrawerBackground = "#ffffff",
                TextPrimary = "#1d2733",
                TextSecondary = "#55606e",
                // Status colours dark enough for their text (chips, outlined buttons) and for white on them.
                Success = "#176b31",
                Info = "#0a5694",
                Warning = "#8a5100",
                Error = "#b3261e",
            },
            Typography = new Typography
            {
                Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
                H4 = new H4Typography { FontSize = "1.75rem", FontWeight = "600", LineHeight = "1.3" },
                H5 = new H5Typography { FontSize = "1.25rem", FontWeight = "600", LineHeight = "1.4" },
                H6 = new H6Typography { FontSize = "1.05rem", FontWeight = "600", LineHeight = "1.4" },
                Button = new ButtonTypography { TextTransform = "none", FontWeight = "600" },
            },
            LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", DrawerWidthLeft = "240px" },
        };
    }

    /// <summary>
    /// The brand colour, or a darker shade of it when neither white nor dark text would reach the
    /// 4.5:1 contrast WCAG asks of a button's label on it (a mid orange, say).
    /// </summary>
    public static string Readable(string hex)
    {
        if (hex is not { Length: 7 } || hex[0] != '#')
            return hex;
        var (r, g, b) = (Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));
        var colour = hex;
        while (Contrast(colour, TextOn(colour)) < 4.5 && (r + g + b) > 0)
        {
            (r, g, b) = ((int)(r * 0.92), (int)(g * 0.92), (int)(b * 0.92));
            colour = $"#{r:x2}{g:x2}{b:x2}";
        }
        return colour;
    }

    private static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    /// <summary>The dark text colour or white, whichever contrasts more with the colour (WCAG contrast ratio).</summary>
    public static string TextOn(string hex)
    {
        if (hex is not { Length: 7 } || hex[0] != '#')
            return "#ffffff";
        var background = Luminance(hex);
        var onWhite = 1.05 / (background + 0.05);
        var onDark = (background + 0.05) / (Luminance(DarkText) + 0.05);
        return onWhite >= onDark ? "#ffffff" : DarkText;
    }

    private const string DarkText = "#1d2733";

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
