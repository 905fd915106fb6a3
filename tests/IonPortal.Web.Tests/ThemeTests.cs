using IonPortal.Web.Components.Layout;

namespace IonPortal.Web.Tests;

/// <summary>A reseller's colours become a theme whose text always reads (WCAG 4.5:1), whatever the brand.</summary>
public class ThemeTests
{
    [Theory]
    [InlineData("#0b5cab", "#0b5cab", "#ffffff")]   // a dark blue stays, with white text
    [InlineData("#ffd60a", "#ffd60a", "#1d2733")]   // a bright yellow stays, with dark text
    [InlineData("#e0523f", null, "#ffffff")]        // a mid orange reads with neither: it darkens until white reads
    [InlineData("#f59f00", "#f59f00", "#1d2733")]
    public void Brand_colours_are_kept_when_text_reads_on_them_and_darkened_when_not(string brand, string? kept, string text)
    {
        var colour = IonPortal.Core.Resellers.BrandColors.Readable(brand);

        if (kept is not null)
            Assert.Equal(kept, colour);
        else
            Assert.NotEqual(brand, colour);
        Assert.Equal(text, IonPortal.Core.Resellers.BrandColors.TextOn(colour));
        Assert.True(Contrast(colour, text) >= 4.5, $"{colour} with {text}: {Contrast(colour, text):0.00}");
    }

    private static double Contrast(string a, string b)
    {
        static double L(string hex)
        {
            static double C(string h, int at) { var c = Convert.ToInt32(h.Substring(at, 2), 16) / 255.0; return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4); }
            return 0.2126 * C(hex, 1) + 0.7152 * C(hex, 3) + 0.0722 * C(hex, 5);
        }
        var (la, lb) = (L(a), L(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }
}
