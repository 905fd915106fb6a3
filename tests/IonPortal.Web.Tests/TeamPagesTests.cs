using System.Net;
using Bunit;
using IonPortal.Core.Accounts;
using IonPortal.Web.Components.Console.Team;
using IonPortal.Web.Messaging;
using IonPortal.Web.Tests.Components;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Tests;

public class TeamPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static async Task<IRenderedComponent<InviteMember>> InviteAsync(ComponentHarness ui, string email, string name, string roleDescription)
    {
        var form = ui.Render<InviteMember>();
        form.Type("invite-email", email);
        form.Type("invite-name", name);
        await form.PickAsync(roleDescription);
        await form.SubmitAsync();
        return form;
    }

    private static string Describe(string role) => role switch
    {
        PortalRoles.Sales => "Customers, quotes, orders and prices.",
        PortalRoles.Ops => "Subscriptions, provisioning and billing.",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    private Task<Guid> UserAsync(string email) => factory.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task Bad_input_on_the_invitation_form_is_shown_next_to_the_field_and_nothing_is_saved()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        var before = await factory.QueryAsync(db => db.Users.CountAsync());

        var bad = ui.Render<InviteMember>();
        bad.Type("invite-email", "not-an-email");
        bad.Type("invite-name", "Typed Name");
        await bad.SubmitAsync();
        bad.WaitForAssertion(() => Assert.Equal("Enter a valid email address.", bad.ErrorFor("invite-email")));
        Assert.Equal("not-an-email", bad.ValueOf("invite-email"));
        Assert.Equal("Typed Name", bad.ValueOf("invite-name"));

        var taken = ui.Render<InviteMember>();
        taken.Type("invite-email", "admin@northwind.test");
        await taken.SubmitAsync();
        taken.WaitForAssertion(() => Assert.Equal("This email already has a console account.", taken.ErrorFor("invite-email")));
        Assert.Equal(before, await factory.QueryAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task An_invited_colleague_chooses_a_password_and_lands_in_the_console()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        await InviteAsync(ui, "new.seller@sesdemo.test", "Nina Seller", Describe(PortalRoles.Sales));
        Assert.Contains("Invitation sent.", ui.Notices);
        var nina = await UserAsync("new.seller@sesdemo.test");
        Assert.EndsWith($"/console/team/{nina}", ui.Navigation.Uri);
        var member = ui.Render<MemberDetails>(p => p.Add(x => x.Id, nina));
        member.WaitForAssertion(() => Assert.Contains("Invited", member.Find("[data-testid=member-status]").TextContent));
        Assert.Equal(PortalRoles.Sales, await factory.QueryAsync(db => db.Users.Where(u => u.Id == nina).Select(u => u.Role).SingleAsync()));

        var mail = await factory.LastEmailToAsync("new.seller@sesdemo.test");
        var link = Assert.Single(MailLinks.In(mail!.HtmlBody));
        Assert.StartsWith("http://localhost/account/accept-invitation?user=", link);

        var invitee = factory.CreatePortalClient();
        var console = await invitee.FollowAsync(await invitee.SubmitFormAsync(await invitee.GetAsync(new Uri(link).PathAndQuery), "choose-password",
            new Dictionary<string, string> { ["Input.Password"] = "nina sells clouds", ["Input.ConfirmPassword"] = "nina sells clouds" }));
        Assert.Equal("/console", console.Url);
        Assert.Contains("Nina Seller", console.Document.QuerySelector("header")!.TextContent);
        // Sales staff don't manage the team.
        Assert.Equal(HttpStatusCode.Redirect, (await invitee.GetAsync("/console/team")).Status);
    }

    [Fact]
    public async Task Removing_access_stops_sign_in_and_restoring_it_brings_it_back()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        await InviteAsync(ui, "ops.person@sesdemo.test", "Otto Ops", Describe(PortalRoles.Ops));
        var otto = await UserAsync("ops.person@sesdemo.test");
        var member = ui.Render<MemberDetails>(p => p.Add(x => x.Id, otto));
        member.WaitForElement("[data-testid=member-status]");

        await ui.PressAndAnswerAsync(member, "Remove access", "Remove access");
        Assert.Contains("Access removed.", ui.Notices);
        Assert.True(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.Id == otto && u.LockoutEnd != null)));

        member.WaitForAssertion(() => Assert.Contains("Restore access", member.Markup));
        await member.PressAsync("Restore access");
        Assert.Contains("Access restored.", ui.Notices);
        Assert.False(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.Id == otto && u.LockoutEnd != null)));
    }

    [Fact]
    public async Task The_role_can_be_changed_and_the_last_owner_is_protected()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@northwind.test");
        var ownerId = await UserAsync("admin@northwind.test");
        await SaveRoleAsync(ui, ownerId, PortalRoles.Admin);

        Assert.Contains("The account needs at least one owner with access.", ui.Notices);
        Assert.Equal(PortalRoles.Owner, await factory.QueryAsync(db => db.Users.Where(u => u.Id == ownerId).Select(u => u.Role).SingleAsync()));

        // Another member's role changes.
        Assert.True((await ui.Session.RunAsync((Team team) => team.InviteAsync("second@northwind.test", "Second", PortalRoles.Sales))).IsDone);
        var secondId = await UserAsync("second@northwind.test");
        await SaveRoleAsync(ui, secondId, PortalRoles.Ops);
        Assert.Contains("Role saved.", ui.Notices);
        Assert.Equal(PortalRoles.Ops, await factory.QueryAsync(db => db.Users.Where(u => u.Email == "second@northwind.test").Select(u => u.Role).SingleAsync()));
    }

    private static async Task SaveRoleAsync(ComponentHarness ui, Guid memberId, string role)
    {
        var page = ui.Render<MemberDetails>(p => p.Add(x => x.Id, memberId));
        page.WaitForElement("#member-role");
        await page.ChooseAsync("member-role", role);
        await page.PressAsync("Save role");
    }

    [Fact]
    public async Task The_team_list_searches_sorts_and_pages_in_the_database()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        for (var i = 0; i < 27; i++)
            Assert.True((await ui.Session.RunAsync((Team team) => team.InviteAsync($"bulk{i:00}@sesdemo.test", $"Bulk {i:00}", PortalRoles.Sales))).IsDone);

        static string Email(AngleSharp.Dom.IElement row) => row.QuerySelector("td:nth-child(2)")!.TextContent.Trim();
        var firstPage = ui.RenderAt<TeamList>("/console/team?q=bulk&sort=email");
        var first = firstPage.Rows();
        Assert.Equal(25, first.Count);
        Assert.Contains("1-25 of 27", firstPage.Find(".mud-table-pagination-caption").TextContent);
        Assert.Equal(["bulk25@sesdemo.test", "bulk26@sesdemo.test"], ui.RenderAt<TeamList>("/console/team?q=bulk&sort=email&page=2").Rows().Select(Email));
        Assert.Equal("bulk26@sesdemo.test", Email(ui.RenderAt<TeamList>("/console/team?q=bulk&sort=email&desc=true").Rows()[0]));

        // The pager's next page loads page 2 and says so in the address.
        var paging = ui.RenderAt<TeamList>("/console/team?q=bulk&sort=email");
        paging.Rows();
        await paging.Find("button[aria-label='Next page']").ClickAsync(new());
        paging.WaitForAssertion(() => Assert.Equal(["bulk25@sesdemo.test", "bulk26@sesdemo.test"], paging.FindAll(".portal-grid tbody tr").Select(Email)));
        Assert.EndsWith("/console/team?q=bulk&sort=email&page=2", ui.Navigation.Uri);

        var nobody = ui.RenderAt<TeamList>("/console/team?q=zzz-nobody");
        Assert.Empty(nobody.RowNames());
        Assert.Contains("Nobody matches", nobody.Text());
    }
}
