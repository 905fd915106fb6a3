using System.Net;
using IonPortal.Core.Catalog;
using IonPortal.Core.Pricing;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Tests;

public class StorefrontCatalogTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private readonly PortalClient _client = factory.CreatePortalClient();

    private static string[] Names(Page page) => page.Document.QuerySelectorAll(".product-tile-name").Select(a => a.TextContent.Trim()).ToArray();

    private Task<Guid> ProductAsync(string name) => factory.QueryAsync(db => db.Set<Product>().Where(p => p.Name == name).Select(p => p.Id).SingleAsync());

    [Fact]
    public async Task The_catalog_shows_the_resellers_vendors_priced_by_its_storefront_book()
    {
        var ses = await _client.GetAsync("/v2c/catalog?accountName=sesdemo");
        var north = await _client.GetAsync("/v2c/catalog?accountName=northwind");

        Assert.Contains("Microsoft 365 Business Basic", Names(await _client.GetAsync("/v2c/catalog?accountName=sesdemo&q=microsoft%20365")));
        Assert.DoesNotContain(Names(ses), n => n.StartsWith("Amazon"));               // AWS isn't on sesdemo's storefront
        Assert.DoesNotContain("Dynamics 365 Sales Professional", Names(ses));          // hidden by sesdemo
        Assert.Contains(Names(north), n => n.StartsWith("Amazon"));
        Assert.DoesNotContain(Names(north), n => n.StartsWith("Acrobat"));            // Adobe isn't on northwind's
        Assert.All(ses.Document.QuerySelectorAll(".product-tile-amount"), p => Assert.StartsWith("US$", p.TextContent.Trim()));
        Assert.All(north.Document.QuerySelectorAll(".product-tile-amount"), p => Assert.StartsWith("CA$", p.TextContent.Trim()));
        Assert.Equal(24, ses.Document.QuerySelectorAll(".product-tile-amount").Length);
        Assert.Equal("24", ses.Document.QuerySelectorAll(".product-tile").Length.ToString());
    }

    [Fact]
    public async Task Search_filters_and_paging_work_as_plain_links_and_forms()
    {
        var search = await _client.GetAsync("/v2c/catalog?accountName=sesdemo&q=acrobat");
        var byVendorName = await _client.GetAsync("/v2c/catalog?accountName=sesdemo&q=dropbox");
        var byCategory = await _client.GetAsync("/v2c/catalog?accountName=sesdemo&category=Security");
        var adobe = await factory.QueryAsync(db => db.Set<Vendor>().Where(v => v.Name == "Adobe").Select(v => v.Id).SingleAsync());
        var byVendor = await _client.GetAsync($"/v2c/catalog?accountName=sesdemo&vendor={adobe}&category=Documents");
        var first = await _client.GetAsync("/v2c/catalog?accountName=sesdemo");
        var second = await _client.GetAsync("/v2c/catalog?accountName=sesdemo&page=2");

        Assert.Equal(["Acrobat Pro for teams", "Acrobat Sign Solutions", "Acrobat Standard for teams"], Names(search));
        Assert.All(Names(byVendorName), n => Assert.StartsWith("Dropbox", n));
        Assert.Equal(["Acronis Advanced Security + XDR", "Microsoft Defender for Business", "Microsoft Defender for Endpoint P1", "Microsoft Intune Plan 1"], Names(byCategory));
        Assert.Equal(["Acrobat Pro for teams", "Acrobat Sign Solutions", "Acrobat Standard for teams"], Names(byVendor));
        Assert.Empty(Names(first).Intersect(Names(second)));
        Assert.NotNull(first.Document.QuerySelector("a[href='/v2c/catalog?accountName=sesdemo&page=2']"));
        Assert.True(byVendor.Document.QuerySelector($"#catalog-vendor option[value='{adobe}']")!.HasAttribute("selected"));
        var form = first.Document.QuerySelector("#catalog-filters")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/v2c/catalog", form.GetAttribute("action"));
        Assert.True(form.HasAttribute("data-enhance"));   // Blazor swaps in the results without a full reload; without script it is a plain GET
    }

    [Theory]
    [InlineData("/v2c/catalog?accountName=sesdemo&page=banana&vendor=nope&category=%00&q=%25%00")]
    [InlineData("/v2c/catalog?accountName=sesdemo&page=-3&page=9999")]
    [InlineData("/v2c/products/not-a-guid?accountName=sesdemo")]
    public async Task Junk_in_the_address_never_breaks_the_catalog(string url)
    {
        var page = await _client.GetAsync(url);

        Assert.True((int)page.Status is 200 or 404, $"{url} answered {(int)page.Status}");
        Assert.DoesNotContain("exception", page.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_empty_search_says_what_to_do()
    {
        var page = await _client.GetAsync("/v2c/catalog?accountName=sesdemo&q=no-such-thing");

        Assert.Contains("No products match", page.Text);
        Assert.NotNull(page.Document.QuerySelector("a[href='/v2c/catalog?accountName=sesdemo']"));
    }

    [Fact]
    public async Task The_product_page_lists_every_purchasable_plan_with_its_price()
    {
        var id = await ProductAsync("Microsoft 365 Business Standard");

        var page = await _client.GetAsync($"/v2c/products/{id}?accountName=sesdemo");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = page.Document.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains(rows, r => r.Contains("US$149.00") && r.Contains("1-year term") && r.Contains("billed annually"));  // sesdemo's fixed price
        Assert.Contains("Prices in USD, before taxes.", page.Text);
    }

    [Theory]
    [InlineData("Amazon EC2 compute", "sesdemo")]                 // vendor not shown by sesdemo
    [InlineData("Dynamics 365 Sales Professional", "sesdemo")]    // hidden by sesdemo
    [InlineData("Acrobat Pro for teams", "northwind")]            // shown at sesdemo only
    public async Task A_product_that_the_storefront_does_not_show_is_not_found(string product, string accountName)
    {
        var id = await ProductAsync(product);

        var page = await _client.GetAsync($"/v2c/products/{id}?accountName={accountName}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain(product, page.Html);
    }

    [Fact]
    public async Task An_unknown_product_id_is_not_found()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/v2c/products/{Guid.NewGuid()}?accountName=sesdemo")).Status);
    }

    [Fact]
    public async Task The_storefront_renders_in_Spanish_with_local_number_formats()
    {
        var client = factory.CreatePortalClient();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var id = await ProductAsync("Creative Cloud All Apps for teams");

        var catalog = await client.GetAsync("/v2c/catalog?accountName=sesdemo&q=creative%20cloud");
        var product = await client.GetAsync($"/v2c/products/{id}?accountName=sesdemo");

        Assert.Equal("Productos en la nube de SES Demo Solutions", catalog.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Buscar", catalog.Document.QuerySelector("label[for=catalog-q]")!.TextContent.Trim());
        Assert.Contains("Desde", catalog.Document.QuerySelector(".product-tile")!.TextContent);
        Assert.Contains("por usuario / año", catalog.Document.QuerySelector(".product-tile")!.TextContent);
        var annual = product.Document.QuerySelectorAll("tbody tr").First(r => r.TextContent.Contains("Plazo de 1 año") && r.TextContent.Contains("facturado anualmente"));
        Assert.Matches(@"\d\.\d{3},\d{2}\sUS\$", annual.QuerySelector(".plan-price")!.TextContent);   // 1.234,56 US$
    }
}
