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

    private static MudTheme Build(string primary, string accent) => new()
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
