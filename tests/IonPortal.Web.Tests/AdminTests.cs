using System.Net;
using Bunit;
using IonPortal.Core.Resellers;
using NewReseller = IonPortal.Web.Components.Admin.NewReseller;
using IonPortal.Web.Components.Admin;
using IonPortal.Web.Demo;
using IonPortal.Web.Messaging;
using IonPortal.Web.Tests.Components;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Tests;

public class AdminTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static void Fill(IRenderedComponent<NewReseller> form, string nickname, string name, string email)
    {
        form.Type("reseller-nickname", nickname);
        form.Type("reseller-name", name);
        form.Type("reseller-admin", email);
    }

    [Fact]
    public async Task An_operator_onboards_a_reseller_whose_owner_accepts_and_gets_a_storefront()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, DemoData.OperatorEmail);
        var form = ui.Render<NewReseller>();
        Fill(form, "Adatum", "Adatum Cloud Partners", "owner@adatum.test");
        await form.SubmitAsync();
        Assert.Contains("Reseller created.", ui.Notices);
        Assert.EndsWith("/admin/resellers", ui.Navigation.Uri);
        Assert.Equal(["Adatum Cloud Partners"], ui.RenderAt<Resellers>("/admin/resellers?q=adatum").Rows().Select(r => r.QuerySelector("td")!.TextContent.Trim()));

        var link = Assert.Single(MailLinks.In((await factory.LastEmailToAsync("owner@adatum.test"))!.HtmlBody));
        var owner = factory.CreatePortalClient();
        var console = await owner.FollowAsync(await owner.SubmitFormAsync(await owner.GetAsync(new Uri(link).PathAndQuery), "choose-password",
            new Dictionary<string, string> { ["Input.Password"] = "adatum owner pass", ["Input.ConfirmPassword"] = "adatum owner pass" }));
        Assert.Equal("/console", console.Url);
        Assert.Contains("Adatum Cloud Partners", console.Document.QuerySelector("header")!.TextContent);

        var storefront = await owner.GetAsync("/v2c/catalog?accountName=ADATUM");
        Assert.Equal("Adatum Cloud Partners", storefront.Document.QuerySelector(".storefront-brand")!.TextContent.Trim());
    }

    [Fact]
    public async Task Bad_input_is_shown_per_field_with_the_typed_data_and_nothing_is_saved()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, DemoData.OperatorEmail);
        var before = await factory.QueryAsync(db => db.Set<Reseller>().CountAsync());

        var form = ui.Render<NewReseller>();
        Fill(form, "Bad Nick!", "", "owner@");
        await form.SubmitAsync();
        form.WaitForAssertion(() => Assert.Equal("Use 3 to 30 characters: lowercase letters, digits and hyphens.", form.ErrorFor("reseller-nickname")));
        Assert.Equal("Enter the name customers will see.", form.ErrorFor("reseller-name"));
        Assert.Equal("Enter a valid email address.", form.ErrorFor("reseller-admin"));
        Assert.Equal("Bad Nick!", form.ValueOf("reseller-nickname"));
        Assert.Equal("owner@", form.ValueOf("reseller-admin"));

        var taken = ui.Render<NewReseller>();
        Fill(taken, "SESDEMO", "Copycat", "admin@sesdemo.test");
        await taken.SubmitAsync();
        taken.WaitForAssertion(() => Assert.Equal("That nickname is already taken.", taken.ErrorFor("reseller-nickname")));
        Assert.Equal("This email already has a console account.", taken.ErrorFor("reseller-admin"));
        Assert.Equal(before, await factory.QueryAsync(db => db.Set<Reseller>().CountAsync()));
        Assert.EndsWith("/", ui.Navigation.Uri);   // stayed on the form
    }

    [Fact]
    public async Task The_reseller_list_searches_and_sorts()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, DemoData.OperatorEmail);

        var search = ui.RenderAt<Resellers>("/admin/resellers?q=north").Rows();
        var byNickname = ui.RenderAt<Resellers>("/admin/resellers?sort=nickname&desc=true").Rows();

        Assert.Equal(["Northwind Cloud"], search.Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        var nicknames = byNickname.Select(r => r.QuerySelector("td:nth-child(2)")!.TextContent.Trim()).ToList();
        Assert.True(nicknames.Count >= 2);
        Assert.Equal(nicknames.OrderByDescending(n => n, StringComparer.Ordinal), nicknames);
    }

    [Fact]
    public async Task Staff_cannot_open_the_admin()
    {
        var staff = factory.CreatePortalClient();
        await staff.SignInToConsoleAsync("admin@sesdemo.test");
        foreach (var url in new[] { "/admin", "/admin/resellers/new", "/admin/mailbox", "/admin/catalog" })
            Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync(url)).Status);
    }
}

public class OperatorCommandTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_first_operator_is_invited_from_the_command_line()
    {
        using var configured = factory.WithWebHostBuilder(b => b.UseSetting("Portal:PublicUrl", "https://portal.example.test/"));
        var output = new StringWriter();

        var exit = await Hosting.OperatorCommand.InviteOperatorAsync(configured.Services, "first.operator@example.test", output);

        Assert.Equal(0, exit);
        var link = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Trim();
        Assert.StartsWith("https://portal.example.test/account/accept-invitation?user=", link);
        var client = factory.CreatePortalClient();
        var console = await client.FollowAsync(await client.SubmitFormAsync(await client.GetAsync(new Uri(link).PathAndQuery), "choose-password",
            new Dictionary<string, string> { ["Input.Password"] = "first operator pass", ["Input.ConfirmPassword"] = "first operator pass" }));
        // Operators always sign in with a second step: the new one sets it up before the admin opens.
        Assert.Equal("/account/two-factor/setup", console.Url);
        Assert.Equal("/account/two-factor/setup", (await client.GetAsync("/admin/resellers")).RedirectTo);
        Assert.Contains("Set it up now to continue.", console.Text);

        var again = new StringWriter();
        Assert.Equal(1, await Hosting.OperatorCommand.InviteOperatorAsync(configured.Services, "first.operator@example.test", again));
        Assert.Contains("already has a console account", again.ToString());
    }
}
