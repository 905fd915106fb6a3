using System.Globalization;
using IonPortal.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Tests;

/// <summary>The cached localizer answers as the resource localizer would, per language.</summary>
public class CachedStringLocalizerTests
{
    private static readonly IStringLocalizer<Ui> L = new CachedStringLocalizer<Ui>(
        new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider().GetRequiredService<IStringLocalizerFactory>());

    private static T In<T>(string culture, Func<T> read)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }

    [Fact]
    public void Each_language_gets_its_own_string_however_often_they_alternate()
    {
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal("Abrir la solicitud", In("es", () => L["Open the request"].Value));
            Assert.Equal("Open the request", In("en", () => L["Open the request"].Value));
        }
    }

    [Fact]
    public void Words_that_differ_only_in_case_are_distinct_strings()
    {
        Assert.Equal("Usuario", In("es", () => L["User"].Value));
        Assert.Equal("usuario", In("es", () => L["user (unit)"].Value));
        Assert.Equal("Rechazada", In("es", () => L["Declined"].Value));
        Assert.Equal("rechazada", In("es", () => L["request declined"].Value));
    }

    [Fact]
    public void Arguments_are_formatted_in_the_readers_language()
    {
        Assert.Equal("1,5 productos", In("es", () => L["{0} products", 1.5m].Value));
        Assert.Equal("1.5 products", In("en", () => L["{0} products", 1.5m].Value));
    }

    [Fact]
    public void A_string_missing_from_the_resources_reads_as_itself_and_says_so()
    {
        var missing = In("es", () => L["A sentence nobody translated"]);

        Assert.Equal("A sentence nobody translated", missing.Value);
        Assert.True(missing.ResourceNotFound);
    }
}
