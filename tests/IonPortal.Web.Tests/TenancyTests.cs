using System.Net;
using AngleSharp.Dom;
using IonPortal.Core.Accounts;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Tests;

/// <summary>Every route that takes an id answers 404 for another reseller's id.</summary>
public class TenancyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<Guid> StaffIdAsync(string email) =>
        factory.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task Another_resellers_team_member_is_not_found()
    {
        var northwindOwner = await StaffIdAsync("admin@northwind.test");
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync("admin@sesdemo.test");

        var page = await client.GetAsync($"/console/team/{northwindOwner}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Page not found", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.DoesNotContain("admin@northwind.test", page.Html);
        Assert.DoesNotContain("Nora Winters", page.Html);
    }

    [Theory]
    [InlineData("change-role")]
    [InlineData("remove-access")]
    public async Task Another_resellers_team_member_cannot_be_changed(string form)
    {
        var northwindOwner = await StaffIdAsync("admin@northwind.test");
        var sesOwner = await StaffIdAsync("admin@sesdemo.test");
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync("admin@sesdemo.test");
        // A genuine form from the admin's own team page, aimed at the other reseller's id.
        var own = await client.GetAsync($"/console/team/{sesOwner}");
        var formElement = own.Document.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlFormElement>("form")
            .Single(f => f.QuerySelector("input[name=_handler]")?.GetAttribute("value") == form);
        formElement.SetAttribute("action", $"/console/team/{northwindOwner}");

        var result = await client.SubmitAsync(own, formElement, form == "change-role" ? new Dictionary<string, string> { ["RoleInput.Role"] = PortalRoles.Sales } : null);

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal("Page not found", result.Document.QuerySelector("h1")!.TextContent.Trim());
        var unchanged = await factory.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "admin@northwind.test"));
        Assert.Equal(PortalRoles.Owner, unchanged.Role);
        Assert.False(unchanged.IsAccessRemoved);
    }

    [Fact]
    public async Task The_team_list_shows_only_the_resellers_own_staff()
    {
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync("admin@northwind.test");

        var page = await client.GetAsync("/console/team");

        Assert.Contains("admin@northwind.test", page.Text);
        Assert.DoesNotContain("sesdemo", page.Text);
    }

    [Fact]
    public async Task A_mailbox_message_is_not_found_for_a_random_id()
    {
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync(IonPortal.Web.Demo.DemoData.OperatorEmail);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/mailbox/{Guid.NewGuid()}")).Status);
    }
}
