using System.Net;
using AngleSharp.Dom;
using IonPortal.Core.Catalog;
using IonPortal.Web.Demo;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Tests;

public class CatalogAdminTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<PortalClient> OperatorAsync()
    {
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync(DemoData.OperatorEmail);
        return client;
    }

    [Fact]
    public async Task An_operator_adds_a_vendor_a_product_and_a_plan_that_a_storefront_then_sells()
    {
        var op = await OperatorAsync();
        var vendor = await op.FollowAsync(await op.SubmitFormAsync(await op.GetAsync("/admin/catalog/vendors"), "vendor",
            new Dictionary<string, string> { ["Input.Name"] = "Zoom", ["Input.Website"] = "https://zoom.us" }));
        Assert.Contains("Vendor saved.", vendor.Text);
        var vendorId = vendor.Url.Split('?')[0].Split('/').Last();

        var product = await op.FollowAsync(await op.SubmitFormAsync(await op.GetAsync("/admin/catalog/products/new"), "product", new Dictionary<string, string>
        {
            ["Input.VendorId"] = vendorId, ["Input.Name"] = "Zoom Workplace Pro", ["Input.Category"] = "Collaboration",
            ["Input.ShortDescription"] = "Meetings, chat and whiteboards.", ["Input.Kind"] = "SeatLicence", ["Input.Provider"] = "direct",
        }));
        Assert.Contains("Product saved.", product.Text);
        var productId = product.Url.Split('?')[0].Split('/').Last();

        var planForm = await op.GetAsync($"/admin/catalog/products/{productId}/plans/new");
        var plan = await op.FollowAsync(await op.SubmitFormAsync(planForm, "plan", new Dictionary<string, string>
        {
            ["Input.Sku"] = "zoom-pro-m", ["Input.Name"] = "Monthly", ["Input.Term"] = "P1M", ["Input.Billing"] = "Monthly", ["Input.Unit"] = "user",
            ["Input.Prices[0].Cost"] = "11.50", ["Input.Prices[0].ListPrice"] = "13.33",
        }));
        Assert.Contains("Plan saved.", plan.Text);
        var saved = await factory.QueryAsync(db => db.Set<Plan>().Include(p => p.Prices).SingleAsync(p => p.Sku == "ZOOM-PRO-M"));
        Assert.Equal(("USD", 11.50m, 13.33m), (saved.Prices.Single().Currency, saved.Prices.Single().Cost, saved.Prices.Single().ListPrice));

        // Once sesdemo shows the vendor, its storefront sells the plan at its book's price (15 % over cost).
        var admin = factory.CreatePortalClient();
        await admin.SignInToConsoleAsync("admin@sesdemo.test");
        var settings = await admin.GetAsync("/console/storefront");
        var shown = settings.Document.QuerySelectorAll("input[name=VendorIds][checked]").Select(i => i.GetAttribute("value")!).Append(vendorId);
        var form = settings.Document.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlFormElement>("form").Single(f => f.QuerySelector("input[name=_handler]")?.GetAttribute("value") == "storefront-vendors");
        foreach (var box in form.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=VendorIds]"))
            box.IsChecked = shown.Contains(box.Value);
        await admin.FollowAsync(await admin.SubmitAsync(settings, form));
        var storefront = await PricingPagesTests.WaitForAsync(factory.CreatePortalClient(), "/v2c/catalog?accountName=sesdemo&q=zoom", p => p.Text.Contains("Zoom Workplace Pro"));
        Assert.Contains("US$13.23", storefront.Document.QuerySelector(".product-tile")!.TextContent);   // 11.50 + 15 % = 13.225
    }

    [Fact]
    public async Task Bad_plan_prices_are_shown_next_to_their_currency_and_nothing_is_saved()
    {
        var op = await OperatorAsync();
        var productId = await factory.QueryAsync(db => db.Set<Product>().Where(p => p.Name == "Acrobat Pro for teams").Select(p => p.Id).SingleAsync());
        var before = await factory.QueryAsync(db => db.Set<Plan>().CountAsync());

        var page = await op.SubmitFormAsync(await op.GetAsync($"/admin/catalog/products/{productId}/plans/new"), "plan", new Dictionary<string, string>
        {
            ["Input.Sku"] = "ADBE-043-P1Y-ANN", ["Input.Name"] = "", ["Input.Term"] = "P1Y", ["Input.Billing"] = "Annual", ["Input.Unit"] = "user",
            ["Input.Prices[0].Cost"] = "100", ["Input.Prices[4].ListPrice"] = "5",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Another plan already has this SKU.", page.ErrorFor("plan-sku"));
        Assert.Equal("Enter a name.", page.ErrorFor("plan-name"));
        Assert.Equal("Enter both the cost and the list price, or neither.", page.Document.GetElementById("price-error-USD")!.TextContent);
        Assert.Equal("Enter both the cost and the list price, or neither.", page.Document.GetElementById("price-error-COP")!.TextContent);
        Assert.Equal("100", page.ValueOf("cost-USD"));
        Assert.Equal(before, await factory.QueryAsync(db => db.Set<Plan>().CountAsync()));
    }

    [Fact]
    public async Task A_retired_plan_leaves_every_storefront_and_can_come_back()
    {
        var op = await OperatorAsync();
        var plan = await factory.QueryAsync(db => db.Set<Plan>().Where(p => p.Product!.Name == "Visio Plan 2" && p.Term == Term.P1M).Select(p => new { p.Id, p.Sku, p.ProductId }).SingleAsync());
        var productUrl = $"/v2c/products/{plan.ProductId}?accountName=sesdemo";
        Assert.Contains(plan.Sku, (await factory.CreatePortalClient().GetAsync(productUrl)).Text);

        var retired = await op.FollowAsync(await op.SubmitFormAsync(await op.GetAsync($"/admin/catalog/plans/{plan.Id}"), "retire-plan"));
        Assert.Contains("Plan retired.", retired.Text);
        var gone = await PricingPagesTests.WaitForAsync(factory.CreatePortalClient(), productUrl, p => !p.Text.Contains(plan.Sku));
        Assert.DoesNotContain(plan.Sku, gone.Text);

        await op.SubmitFormAsync(await op.GetAsync($"/admin/catalog/plans/{plan.Id}"), "retire-plan");
        var back = await PricingPagesTests.WaitForAsync(factory.CreatePortalClient(), productUrl, p => p.Text.Contains(plan.Sku));
        Assert.Contains(plan.Sku, back.Text);
    }

    [Fact]
    public async Task The_catalog_list_filters_and_staff_cannot_open_it()
    {
        var op = await OperatorAsync();
        var staff = factory.CreatePortalClient();
        await staff.SignInToConsoleAsync("admin@sesdemo.test");

        var adobe = await op.GetAsync("/admin/catalog?q=photoshop");
        var security = await op.GetAsync("/admin/catalog?category=Security&sort=vendor&desc=true");

        Assert.Equal(["Photoshop for teams"], adobe.Document.QuerySelectorAll("tbody tr td:first-child a").Select(a => a.TextContent));
        Assert.Equal("Microsoft", security.Document.QuerySelector("tbody tr td:nth-child(2)")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/admin/catalog")).Status);
    }
}
