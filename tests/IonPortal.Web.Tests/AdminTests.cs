using System.Net;
using IonPortal.Core.Resellers;
using IonPortal.Web.Messaging;
using IonPortal.Web.Demo;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Tests;

public class AdminTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, string> NewReseller(string nickname, string name, string email) =>
        new() { ["Input.Nickname"] = nickname, ["Input.DisplayName"] = name, ["Input.AdminEmail"] = email };

    [Fact]
    public async Task An_operator_onboards_a_reseller_whose_owner_accepts_and_gets_a_storefront()
    {
        var op = factory.CreatePortalClient();
        await op.SignInToConsoleAsync(DemoData.OperatorEmail);

        var list = await op.FollowAsync(await op.SubmitFormAsync(await op.GetAsync("/admin/resellers/new"), "new-reseller",
            NewReseller("Adatum", "Adatum Cloud Partners", "owner@adatum.test")));
        Assert.Contains("Reseller created.", list.Text);
        Assert.Contains("Adatum Cloud Partners", list.Text);

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
        var op = factory.CreatePortalClient();
        await op.SignInToConsoleAsync(DemoData.OperatorEmail);
        var before = await factory.QueryAsync(db => db.Set<Reseller>().CountAsync());

        var page = await op.SubmitFormAsync(await op.GetAsync("/admin/resellers/new"), "new-reseller", NewReseller("Bad Nick!", "", "owner@"));
        var taken = await op.SubmitFormAsync(await op.GetAsync("/admin/resellers/new"), "new-reseller", NewReseller("SESDEMO", "Copycat", "admin@sesdemo.test"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Use 3 to 30 characters: lowercase letters, digits and hyphens.", page.ErrorFor("reseller-nickname"));
        Assert.Equal("Enter the name customers will see.", page.ErrorFor("reseller-name"));
        Assert.Equal("Enter a valid email address.", page.ErrorFor("reseller-admin"));
        Assert.Equal("Bad Nick!", page.ValueOf("reseller-nickname"));
        Assert.Equal("owner@", page.ValueOf("reseller-admin"));
        Assert.Equal("That nickname is already taken.", taken.ErrorFor("reseller-nickname"));
        Assert.Equal("This email already has a console account.", taken.ErrorFor("reseller-admin"));
        Assert.Equal(before, await factory.QueryAsync(db => db.Set<Reseller>().CountAsync()));
    }

    [Fact]
    public async Task The_reseller_list_searches_and_sorts()
    {
        var op = factory.CreatePortalClient();
        await op.SignInToConsoleAsync(DemoData.OperatorEmail);

        var search = await op.GetAsync("/admin/resellers?q=north");
        var byNickname = await op.GetAsync("/admin/resellers?sort=nickname&desc=true");

        Assert.Equal(["Northwind Cloud"], search.Document.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent));
        var nicknames = byNickname.Document.QuerySelectorAll("tbody tr td:nth-child(2)").Select(c => c.TextContent).ToList();
        Assert.Equal(nicknames.OrderByDescending(n => n, StringComparer.Ordinal), nicknames);
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
        Assert.Equal("/admin/resellers", console.Url);

        var again = new StringWriter();
        Assert.Equal(1, await Hosting.OperatorCommand.InviteOperatorAsync(configured.Services, "first.operator@example.test", again));
        Assert.Contains("already has a console account", again.ToString());
    }
}
