using IonPortal.Core.Accounts;
using IonPortal.Core.Customers;
using IonPortal.Core.Pricing;
using IonPortal.Web.Demo;
using Microsoft.AspNetCore.Identity;
using IonPortal.Web.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IonPortal.Web.Tests;

/// <summary>Storefront pages are cached per reseller and price book (and per person once signed in), and evicted when what they show changes.</summary>
public class StorefrontCacheTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<HttpResponseMessage> GetAsync(string url) => await factory.CreateClient().GetAsync(url);

    private static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;

    [Fact]
    public async Task A_cached_page_carries_no_cookie_and_signing_in_still_works_from_it()
    {
        const string url = "/v2c/catalog?accountName=sesdemo&q=project";
        using var first = await GetAsync(url);
        using var cached = await GetAsync(url);

        Assert.True(FromCache(cached));
        Assert.False(cached.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain("no-store", cached.Headers.CacheControl?.ToString() ?? "");
        var client = factory.CreatePortalClient();
        await client.GetAsync(url);
        Assert.Equal("/v2c/catalog?accountName=sesdemo", (await client.SignInToStorefrontAsync("sesdemo", "buyer@contoso.test")).Url);
    }

    [Fact]
    public async Task A_second_visit_is_served_from_the_cache_and_resellers_never_share_entries()
    {
        await factory.Services.GetRequiredService<ChangeListener>().Listening;
        const string ses = "/v2c/catalog?accountName=sesdemo&q=power";
        const string north = "/v2c/catalog?accountName=northwind&q=power";

        using var first = await GetAsync(ses);
        using var second = await GetAsync(ses);
        using var other = await GetAsync(north);

        Assert.True(FromCache(second));
        Assert.False(FromCache(other));
        var sesHtml = await second.Content.ReadAsStringAsync();
        var northHtml = await other.Content.ReadAsStringAsync();
        Assert.Contains("SES Demo Solutions", sesHtml);
        Assert.Contains("US$", sesHtml);
        Assert.Contains("Northwind Cloud", northHtml);
        Assert.Contains("CA$", northHtml);
        Assert.DoesNotContain("US$", northHtml);
    }

    [Fact]
    public async Task A_signed_in_customers_pages_are_cached_for_them_alone()
    {
        const string url = "/v2c/catalog?accountName=sesdemo&q=visio";
        var browser = factory.CreatePortalClient();
        var home = await browser.SignInToStorefrontAsync("sesdemo", "buyer@contoso.test");
        await browser.Http.GetAsync(url);

        using var again = await browser.Http.GetAsync(url);
        using var visitor = await GetAsync(url);
        var otherBrowser = factory.CreatePortalClient();
        await otherBrowser.SignInToStorefrontAsync("sesdemo", "buyer@contoso.test");
        using var sameManElsewhere = await otherBrowser.Http.GetAsync(url);
        // A colleague, priced alike, signs in on the same browser (same antiforgery cookie).
        await browser.SubmitAsync(home, "form[action='/v2c/signout?accountName=sesdemo']");
        await ColleagueAsync(browser, "dana@contoso.test", "Dana Colleague");
        using var colleague = await browser.Http.GetAsync(url);

        Assert.True(FromCache(again));
        Assert.Contains("Carlos Buyer", await again.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Carlos Buyer", await visitor.Content.ReadAsStringAsync());
        Assert.False(FromCache(sameManElsewhere), "another browser has its own antiforgery cookie, so its own pages");
        Assert.False(FromCache(colleague), "a colleague gets pages of their own");
        Assert.Contains("Dana Colleague", await colleague.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Carlos Buyer", await colleague.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signing_out_works_from_a_cached_page()
    {
        const string url = "/v2c/catalog?accountName=sesdemo&q=intune";
        var client = factory.CreatePortalClient();
        await client.SignInToStorefrontAsync("sesdemo", "buyer@contoso.test");
        await client.GetAsync(url);
        using var cached = await client.Http.GetAsync(url);
        Assert.True(FromCache(cached));
        var page = await Page.ReadAsync(cached, url);

        var signedOut = await client.FollowAsync(await client.SubmitAsync(page, "form[action='/v2c/signout?accountName=sesdemo']"));

        Assert.Equal(System.Net.HttpStatusCode.OK, signedOut.Status);
        Assert.NotNull(signedOut.Document.QuerySelector("a[href='/v2c/signin?accountName=sesdemo']"));
        Assert.DoesNotContain("Carlos Buyer", (await client.GetAsync(url)).Html);
    }

    [Fact]
    public async Task A_change_to_the_customer_evicts_its_peoples_pages()
    {
        await factory.Services.GetRequiredService<ChangeListener>().Listening;
        const string url = "/v2c/catalog?accountName=sesdemo&q=defender";
        var client = factory.CreatePortalClient();
        await client.SignInToStorefrontAsync("sesdemo", "buyer@contoso.test");
        await client.GetAsync(url);
        Assert.True(FromCache(await client.Http.GetAsync(url)));

        await using (var staff = await Components.ComponentHarness.AsAsync(factory, "admin@sesdemo.test"))
        {
            await staff.Session.RunAsync(async (IonPortal.Core.Data.PortalDbContext db) =>
            {
                var contoso = await db.Set<Customer>().SingleAsync(c => c.CompanyName == "Contoso Ltd");
                contoso.ContactPhone = "+1 555 0100";
                return await db.SaveChangesAsync();
            });
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (FromCache(await client.Http.GetAsync(url)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the customer's change never evicted its people's pages");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Staff_looking_at_a_storefront_are_never_served_from_the_cache()
    {
        const string url = "/v2c/catalog?accountName=sesdemo&q=copilot";
        var staff = factory.CreatePortalClient();
        await staff.SignInToConsoleAsync("admin@sesdemo.test");
        await staff.Http.GetAsync(url);
        await GetAsync(url);
        await GetAsync(url);

        using var response = await staff.Http.GetAsync(url);

        Assert.False(FromCache(response));
    }

    private async Task ColleagueAsync(PortalClient browser, string email, string name)
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var db = scope.ServiceProvider.GetRequiredService<IonPortal.Core.Data.PortalDbContext>();
            var contoso = await db.Set<Customer>().IgnoreQueryFilters().SingleAsync(c => c.CompanyName == "Contoso Ltd");
            Assert.True((await users.CreateAsync(PortalUser.CustomerPerson(contoso.ResellerId, contoso.Id, PortalRoles.CustomerUser, email, name, DateTimeOffset.UtcNow), DemoData.Password)).Succeeded);
        }
        Assert.Contains(name, (await browser.SignInToStorefrontAsync("sesdemo", email)).Text);
    }

    [Fact]
    public async Task Changing_the_storefront_book_evicts_only_that_resellers_pages()
    {
        await factory.Services.GetRequiredService<ChangeListener>().Listening;
        const string ses = "/v2c/catalog?accountName=sesdemo&q=exchange";
        const string north = "/v2c/catalog?accountName=northwind&q=exchange";
        var before = await (await GetAsync(ses)).Content.ReadAsStringAsync();
        await GetAsync(north);
        Assert.True(FromCache(await GetAsync(ses)));

        await using (var ui = await Components.ComponentHarness.AsAsync(factory, "admin@sesdemo.test"))
        {
            var bookId = await factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().Where(b => b.Name == "Web store USD").Select(b => b.Id).SingleAsync());
            Assert.True((await ui.Session.RunAsync((PriceBooks books) => books.UpdateAsync(bookId, "Web store USD", 40))).IsDone);
        }

        var after = await PricingPagesTests.WaitForAsync(factory.CreatePortalClient(), ses, page => page.Html != before);
        using var northAfter = await GetAsync(north);

        Assert.NotEqual(before, after.Html);
        Assert.True(FromCache(northAfter), "northwind's page was not touched by a sesdemo change");
    }

    [Fact]
    public async Task A_catalog_change_evicts_every_storefront()
    {
        await factory.Services.GetRequiredService<ChangeListener>().Listening;
        const string url = "/v2c/catalog?accountName=sesdemo&q=teams%20premium";
        Assert.Contains("Microsoft Teams Premium", await (await GetAsync(url)).Content.ReadAsStringAsync());
        Assert.True(FromCache(await GetAsync(url)));

        await factory.QueryAsync(async db =>
        {
            var product = await db.Set<IonPortal.Core.Catalog.Product>().SingleAsync(p => p.Name == "Microsoft Teams Premium");
            product.RetiredAt = DateTimeOffset.UtcNow;
            return await db.SaveChangesAsync();
        });

        var page = await PricingPagesTests.WaitForAsync(factory.CreatePortalClient(), url, p => !p.Html.Contains("Microsoft Teams Premium"));
        Assert.Contains("No products match", page.Text);
    }

    [Fact]
    public async Task A_resellers_change_reaches_its_console_although_the_console_keeps_the_reseller_in_memory()
    {
        await factory.Services.GetRequiredService<ChangeListener>().Listening;
        var admin = factory.CreatePortalClient();
        var console = await admin.SignInToConsoleAsync("admin@northwind.test");
        Assert.Contains("Northwind Cloud", console.Document.QuerySelector("header")!.TextContent);

        await factory.QueryAsync(async db =>
        {
            var northwind = await db.Set<IonPortal.Core.Resellers.Reseller>().SingleAsync(r => r.Nickname == "northwind");
            northwind.DisplayName = "Northwind Cloud Services";
            return await db.SaveChangesAsync();
        });

        var renamed = await PricingPagesTests.WaitForAsync(admin, "/console", page => page.Document.QuerySelector("header")!.TextContent.Contains("Northwind Cloud Services"));
        Assert.Equal(System.Net.HttpStatusCode.OK, renamed.Status);
    }
}
