using System.Net;
using Bunit;
using IonPortal.Core.Accounts;
using IonPortal.Web.Components.Console.Team;
using IonPortal.Web.Tests.Components;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Tests;

/// <summary>Every team route that takes an id answers "not found" for another reseller's id, over HTTP and in a circuit.</summary>
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

        await using var ui = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        var rendered = ui.Render<MemberDetails>(p => p.Add(x => x.Id, northwindOwner));
        rendered.WaitForAssertion(() => Assert.True(ui.NotFound));
        Assert.DoesNotContain("admin@northwind.test", rendered.Markup);
    }

    [Fact]
    public async Task Another_resellers_team_member_cannot_be_changed()
    {
        var northwindOwner = await StaffIdAsync("admin@northwind.test");
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");

        var role = await ui.Session.RunAsync((Team team) => team.ChangeRoleAsync(northwindOwner, PortalRoles.Sales));
        var access = await ui.Session.RunAsync((Team team) => team.SetAccessAsync(northwindOwner, false));
        var resend = await ui.Session.RunAsync((Team team) => team.ResendInvitationAsync(northwindOwner));

        Assert.Equal([Core.Validation.OutcomeStatus.NotFound, Core.Validation.OutcomeStatus.NotFound, Core.Validation.OutcomeStatus.NotFound], [role.Status, access.Status, resend.Status]);
        var unchanged = await factory.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "admin@northwind.test"));
        Assert.Equal(PortalRoles.Owner, unchanged.Role);
        Assert.False(unchanged.IsAccessRemoved);
    }

    [Fact]
    public async Task The_team_list_shows_only_the_resellers_own_staff()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@northwind.test");

        var rows = ui.RenderAt<TeamList>("/console/team").Rows().Select(r => r.TextContent).ToList();

        Assert.Contains(rows, r => r.Contains("admin@northwind.test"));
        Assert.DoesNotContain(rows, r => r.Contains("sesdemo"));
    }

    [Fact]
    public async Task A_mailbox_message_is_not_found_for_a_random_id()
    {
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync(IonPortal.Web.Demo.DemoData.OperatorEmail);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/mailbox/{Guid.NewGuid()}")).Status);
    }
}
