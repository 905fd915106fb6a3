using System.Net;

namespace IonPortal.Web.Tests;

public class StorefrontTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private readonly PortalClient _client = factory.CreatePortalClient();

    [Theory]
    [InlineData("sesdemo", "SES Demo Solutions", "#0b5cab")]
    [InlineData("northwind", "Northwind Cloud", "#0f766e")]
    [InlineData("SesDemo", "SES Demo Solutions", "#0b5cab")]
    [InlineData("NORTHWIND", "Northwind Cloud", "#0f766e")]
    public async Task The_nickname_picks_the_resellers_branding(string accountName, string displayName, string primaryColor)
    {
        var page = await _client.GetAsync($"/v2c/catalog?accountName={accountName}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(displayName, page.Document.QuerySelector(".storefront-brand")!.TextContent.Trim());
        Assert.Contains($"--mud-palette-primary: {Rgba(primaryColor)}", page.Html);
        var logo = page.Document.QuerySelector(".storefront-brand img")!;
        Assert.StartsWith($"/branding/{accountName.ToLowerInvariant()}/logo", logo.GetAttribute("src"));
        Assert.Equal($"{displayName} logo", logo.GetAttribute("alt"));
    }

    [Fact]
    public async Task One_storefront_never_shows_another_resellers_name()
    {
        var page = await _client.GetAsync("/v2c/catalog?accountName=northwind");

        Assert.DoesNotContain("SES Demo", page.Html);
        Assert.DoesNotContain("sesdemo", page.Html);
    }

    [Theory]
    [InlineData("/v2c/catalog?accountName=nobody-here")]
    [InlineData("/v2c/catalog?accountName=x")]
    [InlineData("/v2c/catalog")]
    [InlineData("/v2c/signin?accountName=nobody-here")]
    [InlineData("/marketplace/catalog?accountName=nobody-here")]
    public async Task An_unknown_storefront_is_a_friendly_404(string url)
    {
        var page = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Storefront not found", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.DoesNotContain("SES Demo", page.Html);
        Assert.DoesNotContain("Northwind", page.Html);
    }

    [Fact]
    public async Task The_storefront_shell_has_search_sign_in_and_sign_up()
    {
        var page = await _client.GetAsync("/v2c/signup?accountName=sesdemo");

        var search = page.Document.QuerySelector("header form[role=search]")!;
        Assert.Equal("/v2c/catalog", search.GetAttribute("action"));
        Assert.Equal("sesdemo", search.QuerySelector("input[name=accountName]")!.GetAttribute("value"));
        Assert.NotNull(page.Document.QuerySelector("label[for=storefront-search]"));
        Assert.NotNull(page.Document.QuerySelector("a[href='/v2c/signin?accountName=sesdemo']"));
        Assert.NotNull(page.Document.QuerySelector("a[href='/v2c/signup?accountName=sesdemo']"));
    }

    [Fact]
    public async Task A_storefront_without_products_says_so_honestly()
    {
        await using (var op = await Components.ComponentHarness.AsAsync(factory, IonPortal.Web.Demo.DemoData.OperatorEmail))
            Assert.True((await op.Session.RunAsync((Core.Resellers.ResellerOnboarding onboarding) =>
                onboarding.OnboardAsync(new("empty-shop", "Empty Shop", "owner@empty-shop.test")))).IsDone);

        var page = await _client.GetAsync("/v2c/catalog?accountName=empty-shop");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("The catalog is on its way", page.Text);
        Assert.Empty(page.Document.QuerySelectorAll(".product-tile"));
    }

    [Fact]
    public async Task The_platform_branded_storefront_names_the_reseller_in_the_platform_look()
    {
        var page = await _client.GetAsync("/marketplace/catalog?accountName=sesdemo");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("IonPortal Marketplace", page.Document.QuerySelector(".storefront-brand")!.TextContent);
        Assert.Contains("SES Demo Solutions", page.Document.QuerySelector(".storefront-brand")!.TextContent);
        Assert.DoesNotContain(Rgba("#0b5cab"), page.Html);
        Assert.NotNull(page.Document.QuerySelector("a[href='/marketplace/signin?accountName=sesdemo']"));
    }

    [Fact]
    public async Task The_logo_is_served_and_cacheable()
    {
        using var response = await _client.Http.GetAsync("/branding/sesdemo/logo");
        using var missing = await _client.Http.GetAsync("/branding/nobody-here/logo");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task An_unknown_page_is_a_friendly_404()
    {
        var page = await _client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Page not found", page.Document.QuerySelector("h1")!.TextContent.Trim());
    }

    /// <summary>A brand colour as MudBlazor's theme writes it in the page's CSS variables.</summary>
    private static string Rgba(string hex) => $"rgba({Convert.ToInt32(hex[1..3], 16)},{Convert.ToInt32(hex[3..5], 16)},{Convert.ToInt32(hex[5..7], 16)},1)";
}
