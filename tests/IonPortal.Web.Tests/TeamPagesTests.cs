using System.Net;
using IonPortal.Core.Accounts;
using IonPortal.Web.Messaging;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Tests;

public class TeamPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, string> Invite(string email, string name, string role) =>
        new() { ["Input.Email"] = email, ["Input.DisplayName"] = name, ["Input.Role"] = role };

    [Fact]
    public async Task Bad_input_on_the_invitation_form_is_shown_next_to_the_field_and_nothing_is_saved()
    {
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync("admin@sesdemo.test");
        var before = await factory.QueryAsync(db => db.Users.CountAsync());

        var bad = await client.SubmitFormAsync(await client.GetAsync("/console/team/invite"), "invite-member", Invite("not-an-email", "Typed Name", PortalRoles.Ops));
        var taken = await client.SubmitFormAsync(await client.GetAsync("/console/team/invite"), "invite-member", Invite("admin@northwind.test", "", PortalRoles.Ops));

        Assert.Equal(HttpStatusCode.OK, bad.Status);
        Assert.Equal("Enter a valid email address.", bad.ErrorFor("invite-email"));
        Assert.Equal("not-an-email", bad.ValueOf("invite-email"));
        Assert.Equal("Typed Name", bad.ValueOf("invite-name"));
        Assert.Equal("This email already has a console account.", taken.ErrorFor("invite-email"));
        Assert.Equal(before, await factory.QueryAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task An_invited_colleague_chooses_a_password_and_lands_in_the_console()
    {
        var admin = factory.CreatePortalClient();
        await admin.SignInToConsoleAsync("admin@sesdemo.test");

        var member = await admin.FollowAsync(await admin.SubmitFormAsync(await admin.GetAsync("/console/team/invite"), "invite-member",
            Invite("new.seller@sesdemo.test", "Nina Seller", PortalRoles.Sales)));
        Assert.Contains("Invitation sent.", member.Text);
        Assert.Contains("Invited", member.Document.QuerySelector("[data-testid=member-status]")!.TextContent);

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
        var owner = factory.CreatePortalClient();
        await owner.SignInToConsoleAsync("admin@sesdemo.test");
        var invited = await owner.FollowAsync(await owner.SubmitFormAsync(await owner.GetAsync("/console/team/invite"), "invite-member",
            Invite("ops.person@sesdemo.test", "Otto Ops", PortalRoles.Ops)));
        var memberUrl = invited.Url.Split('?')[0];

        var removed = await owner.FollowAsync(await owner.SubmitFormAsync(invited, "remove-access"));
        Assert.Contains("Access removed.", removed.Text);
        Assert.True(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "ops.person@sesdemo.test" && u.LockoutEnd != null)));

        var restored = await owner.FollowAsync(await owner.SubmitFormAsync(await owner.GetAsync(memberUrl), "restore-access"));
        Assert.Contains("Access restored.", restored.Text);
    }

    [Fact]
    public async Task The_role_can_be_changed_and_the_last_owner_is_protected()
    {
        var owner = factory.CreatePortalClient();
        await owner.SignInToConsoleAsync("admin@northwind.test");
        var ownerId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == "admin@northwind.test").Select(u => u.Id).SingleAsync());

        var page = await owner.SubmitFormAsync(await owner.GetAsync($"/console/team/{ownerId}"), "change-role",
            new Dictionary<string, string> { ["RoleInput.Role"] = PortalRoles.Admin });

        Assert.Contains("The account needs at least one owner with access.", page.Document.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(PortalRoles.Owner, await factory.QueryAsync(db => db.Users.Where(u => u.Id == ownerId).Select(u => u.Role).SingleAsync()));
    }

    [Fact]
    public async Task The_team_list_searches_sorts_and_pages_in_the_database()
    {
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync("admin@sesdemo.test");
        for (var i = 0; i < 27; i++)
            await client.SubmitFormAsync(await client.GetAsync("/console/team/invite"), "invite-member", Invite($"bulk{i:00}@sesdemo.test", $"Bulk {i:00}", PortalRoles.Sales));

        var first = await client.GetAsync("/console/team?q=bulk&sort=email");
        var second = await client.GetAsync("/console/team?q=bulk&sort=email&page=2");
        var descending = await client.GetAsync("/console/team?q=bulk&sort=email&desc=true");

        Assert.Equal(25, first.Document.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("Showing 1–25 of 27", first.Text);
        Assert.Equal(["bulk25@sesdemo.test", "bulk26@sesdemo.test"], second.Document.QuerySelectorAll("tbody tr td:nth-child(2)").Select(c => c.TextContent));
        Assert.Equal("bulk26@sesdemo.test", descending.Document.QuerySelector("tbody tr td:nth-child(2)")!.TextContent);
        Assert.NotNull(first.Document.QuerySelector("a[href='/console/team?q=bulk&sort=email&page=2']"));
        Assert.Contains("Nobody matches", (await client.GetAsync("/console/team?q=zzz-nobody")).Text);
    }
}
