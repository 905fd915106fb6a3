using System.Net;
using Bunit;
using IonPortal.Core.Resellers;
using IonPortal.Web.Components.Console.Settings;
using IonPortal.Web.Tests.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Tests;

/// <summary>The reseller's settings through its page, and what they change on the storefront: old addresses redirect, platform branding moves it, a closed storefront says so.</summary>
public class ResellerSettingsPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Owner = "admin@northwind.test";

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public async Task The_page_checks_the_nickname_as_it_is_typed_shows_contrast_and_refuses_a_file_that_is_not_an_image()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, Owner);
        var page = ui.RenderAt<SettingsPage>("/console/settings");
        page.WaitForState(() => page.FindAll("#settings-nickname").Count == 1);

        page.Find("#settings-nickname").Input("sesdemo");
        page.WaitForAssertion(() => Assert.Equal("That nickname is already taken.", page.ErrorFor("settings-nickname")), TimeSpan.FromSeconds(5));
        page.Find("#settings-nickname").Input("northwind-cloud");
        page.WaitForAssertion(() => Assert.Equal("northwind-cloud is available.", page.Find("[data-testid=nickname-check]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Contains("/v2c/catalog?accountName=northwind-cloud", page.Find("[data-testid=storefront-urls]").TextContent);

        page.Find("#settings-accent").Input("#808080");
        page.WaitForAssertion(() => Assert.StartsWith("Hard to read:", page.Find("[data-testid=AccentColor-contrast]").TextContent.Trim()));
        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Save colours").ClickAsync(new());
        page.WaitForAssertion(() => Assert.StartsWith("Text can't be read on this colour", page.ErrorFor("settings-accent")));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary("<svg/>"u8.ToArray(), "logo.png", contentType: "image/png"));
        page.WaitForAssertion(() => Assert.Equal("This file isn't a PNG, JPEG or WebP image.", page.Find("[data-testid=logo-problem]").TextContent.Trim()));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Png, "logo.png", contentType: "image/png"));
        page.WaitForAssertion(() => Assert.Contains("Logo saved.", ui.Notices));
        Assert.Equal("image/png", await factory.QueryAsync(db => db.Set<ResellerLogo>().IgnoreQueryFilters()
            .Where(l => db.Set<Reseller>().Any(r => r.Id == l.ResellerId && r.Nickname == "northwind")).Select(l => l.ContentType).SingleAsync()));
    }

    [Fact]
    public async Task A_renamed_storefront_keeps_its_old_addresses_a_platform_branded_one_moves_and_a_closed_one_says_so()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        var visitor = factory.CreatePortalClient();

        Assert.True((await ui.Session.RunAsync((ResellerSettings s) => s.SaveAccountAsync(new AccountDraft("SES Demo Solutions", "support@sesdemo.test", null, "UTC", "ses-cloud")))).IsDone);
        var old = await WaitForAsync(() => visitor.GetAsync("/v2c/catalog?accountName=sesdemo&q=office"), p => p.Status == HttpStatusCode.Redirect);
        Assert.Equal("/v2c/catalog?accountName=ses-cloud&q=office", old.RedirectTo);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/v2c/catalog?accountName=ses-cloud")).Status);

        Assert.True((await ui.Session.RunAsync((ResellerSettings s) => s.SaveStorefrontAsync(true, StorefrontBranding.Platform, PortalAreas.All))).IsDone);
        var moved = await WaitForAsync(() => visitor.GetAsync("/v2c/catalog?accountName=ses-cloud"), p => p.Status == HttpStatusCode.Redirect);
        Assert.Equal("/marketplace/catalog?accountName=ses-cloud", moved.RedirectTo);

        Assert.True((await ui.Session.RunAsync((ResellerSettings s) => s.SaveStorefrontAsync(false, StorefrontBranding.WhiteLabel, PortalAreas.All))).IsDone);
        var closed = await WaitForAsync(() => visitor.GetAsync("/v2c/catalog?accountName=ses-cloud"), p => p.Document.QuerySelector("[data-testid=storefront-closed]") is not null);
        Assert.Contains("SES Demo Solutions doesn't sell online here", closed.Text);
        Assert.Contains("To order, write to support@sesdemo.test.", closed.Text);

        // Back as it was, for the other tests of this class.
        Assert.True((await ui.Session.RunAsync((ResellerSettings s) => s.SaveStorefrontAsync(true, StorefrontBranding.WhiteLabel, PortalAreas.All))).IsDone);
        Assert.True((await ui.Session.RunAsync((ResellerSettings s) => s.SaveAccountAsync(new AccountDraft("SES Demo Solutions", "support@sesdemo.test", null, "UTC", "sesdemo")))).IsDone);
    }

    // Caches are evicted by a database notification a moment after a save.
    private static async Task<Page> WaitForAsync(Func<Task<Page>> get, Func<Page, bool> until)
    {
        var page = await get();
        for (var i = 0; i < 40 && !until(page); i++)
        {
            await Task.Delay(125);
            page = await get();
        }
        Assert.True(until(page), $"{page.Url}: {(int)page.Status} {page.RedirectTo}");
        return page;
    }
}
