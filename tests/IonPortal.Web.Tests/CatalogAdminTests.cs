using System.Net;
using Bunit;
using IonPortal.Core.Catalog;
using IonPortal.Web.Components.Admin.Catalog;
using IonPortal.Web.Components.Console.StorefrontSetup;
using IonPortal.Web.Demo;
using IonPortal.Web.Tests.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace IonPortal.Web.Tests;

public class CatalogAdminTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Guid IdIn(string url) => Guid.Parse(url.Split('?')[0].Split('/').Last());

    [Fact]
    public async Task An_operator_adds_a_vendor_a_product_and_a_plan_that_a_storefront_then_sells()
    {
        await using var op = await ComponentHarness.AsAsync(factory, DemoData.OperatorEmail);
        var vendors = op.Render<Vendors>();
        vendors.Type("vendor-name", "Zoom");
        vendors.Type("vendor-website", "https://zoom.us");
        await vendors.SubmitAsync("vendor-name");
        Assert.Contains("Vendor saved.", op.Notices);
        var vendorId = IdIn(op.Navigation.Uri);

        var editor = op.Render<ProductEditor>();
        editor.WaitForElement("#product-name");
        await editor.ChooseAsync<ProductEditor, Guid?>("product-vendor", vendorId);
        editor.Type("product-name", "Zoom Workplace Pro");
        await editor.InvokeAsync(() => editor.FindComponent<MudAutocomplete<string>>().Instance.ValueChanged.InvokeAsync("Collaboration"));
        editor.Type("product-short", "Meetings, chat and whiteboards.");
        await editor.ChooseAsync("product-kind", ProductKind.SeatLicence);
        await editor.ChooseAsync("product-provider", "direct");
        await editor.SubmitAsync("product-name");
        Assert.Contains("Product saved.", op.Notices);
        var productId = IdIn(op.Navigation.Uri);

        var plan = op.Render<PlanEditor>(p => p.Add(x => x.ProductId, productId));
        plan.WaitForElement("#plan-sku");
        plan.Type("plan-sku", "zoom-pro-m");
        plan.Type("plan-name", "Monthly");
        await plan.ChooseAsync("plan-term", Term.P1M);
        await plan.ChooseAsync("plan-billing", BillingFrequency.Monthly);
        plan.Type("plan-unit", "user");
        plan.Type("cost-USD", "11.50");
        plan.Type("list-USD", "13.33");
        await plan.SubmitAsync("plan-sku");
        Assert.Contains("Plan saved.", op.Notices);
        var saved = await factory.QueryAsync(db => db.Set<Plan>().Include(p => p.Prices).SingleAsync(p => p.Sku == "ZOOM-PRO-M"));
        Assert.Equal(("USD", 11.50m, 13.33m), (saved.Prices.Single().Currency, saved.Prices.Single().Cost, saved.Prices.Single().ListPrice));
        var product = await factory.QueryAsync(db => db.Set<Product>().SingleAsync(p => p.Id == productId));
        Assert.Equal(("Collaboration", ProductKind.SeatLicence, "direct"), (product.Category, product.Kind, product.Provider));

        // Once sesdemo shows the vendor, its storefront sells the plan at its book's price (15 % over cost).
        await using var admin = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        var settings = admin.Render<StorefrontSettingsPage>();
        settings.WaitForElement($"#vendor-{vendorId}, [id='vendor-{vendorId}']");
        await settings.TickAsync("Zoom (");
        await settings.PressAsync("Save vendors");
        Assert.Contains("Storefront vendors saved.", admin.Notices);
        var storefront = await PricingPagesTests.WaitForAsync(factory.CreatePortalClient(), "/v2c/catalog?accountName=sesdemo&q=zoom", p => p.Text.Contains("Zoom Workplace Pro"));
        Assert.Contains("US$13.23", storefront.Document.QuerySelector(".product-tile")!.TextContent);   // 11.50 + 15 % = 13.225
    }

    [Fact]
    public async Task Bad_plan_prices_are_shown_next_to_their_currency_and_nothing_is_saved()
    {
        await using var op = await ComponentHarness.AsAsync(factory, DemoData.OperatorEmail);
        var productId = await factory.QueryAsync(db => db.Set<Product>().Where(p => p.Name == "Acrobat Pro for teams").Select(p => p.Id).SingleAsync());
        var before = await factory.QueryAsync(db => db.Set<Plan>().CountAsync());

        var plan = op.Render<PlanEditor>(p => p.Add(x => x.ProductId, productId));
        plan.WaitForElement("#plan-sku");
        plan.Type("plan-sku", "ADBE-043-P1Y-ANN");
        plan.Type("plan-name", "");
        plan.Type("cost-USD", "100");
        plan.Type("list-COP", "5");
        await plan.SubmitAsync("plan-sku");

        plan.WaitForAssertion(() => Assert.Equal("Another plan already has this SKU.", plan.ErrorFor("plan-sku")));
        Assert.Equal("Enter a name.", plan.ErrorFor("plan-name"));
        Assert.Equal("Enter both the cost and the list price, or neither.", plan.ErrorFor("list-USD"));
        Assert.Equal("Enter both the cost and the list price, or neither.", plan.ErrorFor("list-COP"));
        Assert.Null(plan.ErrorFor("list-EUR"));
        Assert.Equal("100", plan.ValueOf("cost-USD"));
        Assert.Equal(before, await factory.QueryAsync(db => db.Set<Plan>().CountAsync()));
    }

    [Fact]
    public async Task A_retired_plan_leaves_every_storefront_and_can_come_back()
    {
        await using var op = await ComponentHarness.AsAsync(factory, DemoData.OperatorEmail);
        var plan = await factory.QueryAsync(db => db.Set<Plan>().Where(p => p.Product!.Name == "Visio Plan 2" && p.Term == Term.P1M).Select(p => new { p.Id, p.Sku, p.ProductId }).SingleAsync());
        var productUrl = $"/v2c/products/{plan.ProductId}?accountName=sesdemo";
        Assert.Contains(plan.Sku, (await factory.CreatePortalClient().GetAsync(productUrl)).Text);

        var editor = op.Render<PlanEditor>(p => p.Add(x => x.Id, plan.Id));
        editor.WaitForElement("#plan-sku");
        await op.PressAndAnswerAsync(editor, "Retire", "Retire");
        Assert.Contains("Plan retired.", op.Notices);
        var gone = await PricingPagesTests.WaitForAsync(factory.CreatePortalClient(), productUrl, p => !p.Text.Contains(plan.Sku));
        Assert.DoesNotContain(plan.Sku, gone.Text);

        editor.WaitForAssertion(() => editor.FindAll("button").Single(b => b.TextContent.Trim() == "Restore"));
        await editor.PressAsync("Restore");
        Assert.Contains("Plan restored.", op.Notices);
        var back = await PricingPagesTests.WaitForAsync(factory.CreatePortalClient(), productUrl, p => p.Text.Contains(plan.Sku));
        Assert.Contains(plan.Sku, back.Text);
    }

    [Fact]
    public async Task The_catalog_list_filters_and_staff_cannot_open_it()
    {
        await using var op = await ComponentHarness.AsAsync(factory, DemoData.OperatorEmail);
        var staff = factory.CreatePortalClient();
        await staff.SignInToConsoleAsync("admin@sesdemo.test");

        var adobe = op.RenderAt<Products>("/admin/catalog?q=photoshop").RowNames();
        var security = op.RenderAt<Products>("/admin/catalog?category=Security&sort=vendor&desc=true").Rows();
        var junk = op.RenderAt<Products>("/admin/catalog?vendor=not-an-id&category=%00&retired=perhaps&page=-4").Rows();

        Assert.Equal(["Photoshop for teams"], adobe);
        Assert.Equal("Microsoft", security[0].QuerySelector("td:nth-child(2)")!.TextContent.Trim());
        Assert.NotEmpty(junk);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/admin/catalog")).Status);
    }

    [Fact]
    public async Task Unknown_catalog_ids_are_not_found()
    {
        await using var op = await ComponentHarness.AsAsync(factory, DemoData.OperatorEmail);
        foreach (var render in new Func<Bunit.IRenderedComponent<Microsoft.AspNetCore.Components.IComponent>>[]
        {
            () => op.Render<ProductEditor>(p => p.Add(x => x.Id, Guid.NewGuid())),
            () => op.Render<PlanEditor>(p => p.Add(x => x.Id, Guid.NewGuid())),
            () => op.Render<PlanEditor>(p => p.Add(x => x.ProductId, Guid.NewGuid())),
            () => op.Render<Vendors>(p => p.Add(x => x.Id, Guid.NewGuid())),
        })
        {
            render().WaitForAssertion(() => Assert.True(op.NotFound));
        }
    }
}
