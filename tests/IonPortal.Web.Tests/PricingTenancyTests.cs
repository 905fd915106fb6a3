using System.Net;
using AngleSharp.Dom;
using IonPortal.Core.Catalog;
using IonPortal.Core.Pricing;
using IonPortal.Core.SupportPlans;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Tests;

/// <summary>Every console route of issue 3 that takes an id answers 404 for another reseller's id.</summary>
public class PricingTenancyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<Guid> NorthwindBookAsync() =>
        factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().Where(b => b.Name == "Northwind CAD").Select(b => b.Id).SingleAsync());

    private Task<Guid> SesBookAsync() =>
        factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().Where(b => b.Name == "Web store USD").Select(b => b.Id).SingleAsync());

    private Task<Guid> AnyPlanAsync() => factory.QueryAsync(db => db.Set<Plan>().Select(p => p.Id).FirstAsync());

    private async Task<PortalClient> SesAdminAsync()
    {
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync("admin@sesdemo.test");
        return client;
    }

    [Fact]
    public async Task Another_resellers_price_book_pages_are_not_found()
    {
        var book = await NorthwindBookAsync();
        var plan = await AnyPlanAsync();
        var client = await SesAdminAsync();

        foreach (var url in new[] { $"/console/price-books/{book}", $"/console/price-books/{book}/preview", $"/console/price-books/{book}/plans/{plan}" })
        {
            var page = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.DoesNotContain("Northwind", page.Html);
        }
    }

    [Theory]
    [InlineData("book-settings", "", "Settings.Name", "Stolen")]
    [InlineData("vendor-override", "", "VendorRule.Percent", "50")]
    [InlineData("delete-book", "", "", "")]
    [InlineData("plan-fixed", "/plans/{plan}", "Fixed.Price", "1")]
    [InlineData("product-percent", "/plans/{plan}", "ProductPercent.Percent", "90")]
    public async Task Another_resellers_price_book_cannot_be_changed(string form, string suffix, string field, string value)
    {
        var northwind = await NorthwindBookAsync();
        var ses = await SesBookAsync();
        var plan = await AnyPlanAsync();
        var client = await SesAdminAsync();
        var vendor = await factory.QueryAsync(db => db.Set<Vendor>().Select(v => v.Id).FirstAsync());
        var own = await client.GetAsync($"/console/price-books/{ses}{suffix.Replace("{plan}", plan.ToString())}");
        var formElement = own.Document.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlFormElement>("form")
            .Single(f => f.QuerySelector("input[name=_handler]")?.GetAttribute("value") == form);
        formElement.SetAttribute("action", $"/console/price-books/{northwind}{suffix.Replace("{plan}", plan.ToString())}");
        var fields = new Dictionary<string, string>();
        if (form == "vendor-override")
            fields["VendorRule.VendorId"] = vendor.ToString();
        if (field.Length > 0)
            fields[field] = value;

        var result = await client.SubmitAsync(own, formElement, fields);

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        var book = await factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().Include(b => b.Rules).SingleAsync(b => b.Id == northwind));
        Assert.Equal("Northwind CAD", book.Name);
        Assert.Single(book.Rules);
    }

    [Fact]
    public async Task Another_resellers_support_plan_is_not_found_and_cannot_be_changed()
    {
        var care = await factory.QueryAsync(db => db.Set<SupportPlan>().IgnoreQueryFilters().Where(p => p.Name == "Care").Select(p => p.Id).SingleAsync());
        var client = await SesAdminAsync();

        var page = await client.GetAsync($"/console/support-plans/{care}");
        var own = await client.GetAsync("/console/support-plans/new");
        var form = own.Document.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlFormElement>("form").Single(f => f.QuerySelector("input[name=_handler]")?.GetAttribute("value") == "support-plan");
        form.SetAttribute("action", $"/console/support-plans/{care}");
        var post = await client.SubmitAsync(own, form, new Dictionary<string, string> { ["Input.Name"] = "Stolen", ["Input.PercentOfCharges"] = "1" });

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal(HttpStatusCode.NotFound, post.Status);
        Assert.Equal("Care", await factory.QueryAsync(db => db.Set<SupportPlan>().IgnoreQueryFilters().Where(p => p.Id == care).Select(p => p.Name).SingleAsync()));
    }

    [Fact]
    public async Task Unknown_ids_are_not_found_in_the_console_and_the_admin()
    {
        var client = await SesAdminAsync();
        var op = factory.CreatePortalClient();
        await op.SignInToConsoleAsync(IonPortal.Web.Demo.DemoData.OperatorEmail);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/console/storefront/vendors/{Guid.NewGuid()}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/console/price-books/{await SesBookAsync()}/plans/{Guid.NewGuid()}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/console/price-books/master/nonsense")).Status);
        foreach (var url in new[] { $"/admin/catalog/products/{Guid.NewGuid()}", $"/admin/catalog/plans/{Guid.NewGuid()}", $"/admin/catalog/vendors/{Guid.NewGuid()}", $"/admin/catalog/products/{Guid.NewGuid()}/plans/new" })
            Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync(url)).Status);
    }

    [Fact]
    public async Task Another_resellers_hidden_products_stay_its_own()
    {
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync("admin@northwind.test");
        var microsoft = await factory.QueryAsync(db => db.Set<Vendor>().Where(v => v.Name == "Microsoft").Select(v => v.Id).SingleAsync());

        var page = await client.GetAsync($"/console/storefront/vendors/{microsoft}?q=Dynamics%20365%20Sales");

        Assert.Contains("Shown", page.Document.QuerySelector("tbody tr")!.TextContent);   // hidden at sesdemo only
    }
}
