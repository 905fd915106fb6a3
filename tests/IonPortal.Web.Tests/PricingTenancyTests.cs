using System.Net;
using Bunit;
using IonPortal.Core.Catalog;
using IonPortal.Core.Pricing;
using IonPortal.Core.SupportPlans;
using IonPortal.Web.Components.Admin.Catalog;
using IonPortal.Web.Components.Console.PriceBooks;
using IonPortal.Web.Components.Console.StorefrontSetup;
using IonPortal.Web.Components.Console.SupportPlans;
using IonPortal.Web.Tests.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Tests;

/// <summary>Every pricing route that takes an id answers "not found" for another reseller's id, over HTTP and in a circuit.</summary>
public class PricingTenancyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<Guid> NorthwindBookAsync() =>
        factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().Where(b => b.Name == "Northwind CAD").Select(b => b.Id).SingleAsync());

    private Task<Guid> CareAsync() =>
        factory.QueryAsync(db => db.Set<SupportPlan>().IgnoreQueryFilters().Where(p => p.Name == "Care").Select(p => p.Id).SingleAsync());

    private Task<Guid> AnyPlanAsync() => factory.QueryAsync(db => db.Set<Plan>().Select(p => p.Id).FirstAsync());

    [Fact]
    public async Task Another_resellers_price_book_and_support_plan_pages_are_not_found_over_http()
    {
        var book = await NorthwindBookAsync();
        var plan = await AnyPlanAsync();
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync("admin@sesdemo.test");

        foreach (var url in new[] { $"/console/price-books/{book}", $"/console/price-books/{book}/preview", $"/console/price-books/{book}/plans/{plan}", $"/console/support-plans/{await CareAsync()}" })
        {
            var page = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.DoesNotContain("Northwind", page.Html);
            Assert.DoesNotContain("Care", page.Document.QuerySelector("main")?.TextContent ?? "");
        }
    }

    [Fact]
    public async Task Another_resellers_price_book_and_support_plan_are_not_found_in_a_circuit_and_stay_unchanged()
    {
        var book = await NorthwindBookAsync();
        var care = await CareAsync();
        var plan = await AnyPlanAsync();
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");

        foreach (var render in new Func<IRenderedComponent<IComponent>>[]
        {
            () => ui.Render<PriceBookDetails>(p => p.Add(x => x.Id, book)),
            () => ui.Render<PriceBookPreview>(p => p.Add(x => x.Id, book)),
            () => ui.Render<PlanOverride>(p => p.Add(x => x.Id, book).Add(x => x.PlanId, plan)),
            () => ui.Render<SupportPlanForm>(p => p.Add(x => x.Id, care)),
        })
        {
            var page = render();
            page.WaitForAssertion(() => Assert.True(ui.NotFound));
            Assert.DoesNotContain("Northwind", page.Markup);
        }

        // The services behind those pages refuse another reseller's ids whatever a page would send.
        var vendor = await factory.QueryAsync(db => db.Set<Vendor>().Select(v => v.Id).FirstAsync());
        Assert.Equal(Core.Validation.OutcomeStatus.NotFound, (await ui.Session.RunAsync((PriceBooks books) => books.UpdateAsync(book, "Stolen", 5))).Status);
        Assert.Equal(Core.Validation.OutcomeStatus.NotFound, (await ui.Session.RunAsync((PriceBooks books) => books.DeleteAsync(book))).Status);
        Assert.Equal(Core.Validation.OutcomeStatus.NotFound, (await ui.Session.RunAsync((PriceBooks books) => books.SetRuleAsync(book, new RuleDraft(RuleScope.Vendor, VendorId: vendor, AdjustmentPercent: 50)))).Status);
        Assert.Equal(Core.Validation.OutcomeStatus.NotFound, (await ui.Session.RunAsync((SupportPlanOffers plans) => plans.UpdateAsync(care, new SupportPlanDraft("Stolen", null, 1, null, null)))).Status);
        var after = await factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().Include(b => b.Rules).SingleAsync(b => b.Id == book));
        Assert.Equal("Northwind CAD", after.Name);
        Assert.Single(after.Rules);
        Assert.Equal("Care", await factory.QueryAsync(db => db.Set<SupportPlan>().IgnoreQueryFilters().Where(p => p.Id == care).Select(p => p.Name).SingleAsync()));
    }

    [Fact]
    public async Task Unknown_ids_are_not_found_in_the_console_and_the_admin()
    {
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync("admin@sesdemo.test");
        var op = factory.CreatePortalClient();
        await op.SignInToConsoleAsync(IonPortal.Web.Demo.DemoData.OperatorEmail);
        var sesBook = await factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().Where(b => b.Name == "Web store USD").Select(b => b.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/console/storefront/vendors/{Guid.NewGuid()}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/console/price-books/{sesBook}/plans/{Guid.NewGuid()}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/console/price-books/master/nonsense")).Status);
        foreach (var url in new[] { $"/admin/catalog/products/{Guid.NewGuid()}", $"/admin/catalog/plans/{Guid.NewGuid()}", $"/admin/catalog/vendors/{Guid.NewGuid()}", $"/admin/catalog/products/{Guid.NewGuid()}/plans/new" })
            Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync(url)).Status);

        await using var ui = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        ui.Render<VendorProducts>(p => p.Add(x => x.VendorId, Guid.NewGuid())).WaitForAssertion(() => Assert.True(ui.NotFound));
        ui.Render<MasterPreview>(p => p.Add(x => x.Slug, "nonsense")).WaitForAssertion(() => Assert.True(ui.NotFound));
    }

    [Fact]
    public async Task Another_resellers_hidden_products_stay_its_own()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@northwind.test");
        var microsoft = await factory.QueryAsync(db => db.Set<Vendor>().Where(v => v.Name == "Microsoft").Select(v => v.Id).SingleAsync());

        var page = ui.RenderAt<VendorProducts>($"/console/storefront/vendors/{microsoft}?q=Dynamics%20365%20Sales", p => p.Add(x => x.VendorId, microsoft));

        Assert.Contains("Shown", page.Rows()[0].TextContent);   // hidden at sesdemo only
    }
}
