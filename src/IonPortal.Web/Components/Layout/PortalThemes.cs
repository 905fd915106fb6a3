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
        var (primary, accent) = (BrandColors.Readable(brandPrimary), BrandColors.Readable(brandAccent));
        return new MudTheme
        {
            PaletteLight = new PaletteLight
            {
                Primary = primary,
                PrimaryContrastText = BrandColors.TextOn(primary),
                Secondary = accent,
                SecondaryContrastText = BrandColors.TextOn(accent),
                AppbarBackground = primary,
                AppbarText = BrandColors.TextOn(primary),
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
}
