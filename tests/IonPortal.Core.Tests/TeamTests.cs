using IonPortal.Core.Accounts;
using IonPortal.Core.Paging;
using IonPortal.Core.Resellers;
using Microsoft.Extensions.DependencyInjection;

namespace IonPortal.Core.Tests;

public class TeamTests : IAsyncLifetime
{
    private DomainHarness _harness = default!;
    private Reseller _ses = default!;
    private Reseller _north = default!;
    private PortalUser _owner = default!;
    private PortalUser _admin = default!;

    public async Task InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync("team");
        _ses = await _harness.AddResellerAsync("ses");
        _north = await _harness.AddResellerAsync("north");
        _owner = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Owner, "owner@ses.test");
        _admin = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Admin, "admin@ses.test");
        await _harness.AddStaffAsync(_north.Id, PortalRoles.Owner, "owner@north.test");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private Team TeamOf(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<Team>();

    [Fact]
    public async Task Lists_only_the_current_resellers_staff()
    {
        await using var scope = _harness.Scope(_ses.Id);

        var page = await TeamOf(scope).ListAsync(null, new PageRequest(Sort: "email"));

        Assert.Equal(["admin@ses.test", "owner@ses.test"], page.Items.Select(m => m.Email));
    }

    [Fact]
    public async Task Another_resellers_staff_member_is_not_found()
    {
        await using var scope = _harness.Scope(_north.Id);

        Assert.Null(await TeamOf(scope).FindAsync(_admin.Id));
        Assert.Null(await TeamOf(scope).ChangeRoleAsync(new TeamActor(Guid.NewGuid(), PortalRoles.Owner), _admin.Id, PortalRoles.Sales));
        Assert.Null(await TeamOf(scope).SetAccessAsync(new TeamActor(Guid.NewGuid(), PortalRoles.Owner), _admin.Id, false));
    }

    [Fact]
    public async Task Inviting_creates_an_invited_member_and_emails_a_link()
    {
        await using var scope = _harness.Scope(_ses.Id);

        var result = await TeamOf(scope).InviteAsync(new TeamActor(_admin.Id, PortalRoles.Admin), "new.person@ses.test", "New Person", PortalRoles.Sales);

        Assert.True(result.Succeeded);
        Assert.Equal(StaffStatus.Invited, result.Value!.Status);
        Assert.Contains(_harness.Mail.Sent, m => m.Kind == "invitation" && m.User.Email == "new.person@ses.test");
    }

    [Fact]
    public async Task Invitation_refuses_bad_email_taken_email_and_admin_making_owners()
    {
        await using var scope = _harness.Scope(_ses.Id);
        var asAdmin = new TeamActor(_admin.Id, PortalRoles.Admin);

        var badEmail = await TeamOf(scope).InviteAsync(asAdmin, "not-an-email", "", PortalRoles.Sales);
        var taken = await TeamOf(scope).InviteAsync(asAdmin, "OWNER@north.test", "", PortalRoles.Sales);
        var owner = await TeamOf(scope).InviteAsync(asAdmin, "boss@ses.test", "", PortalRoles.Owner);
        var bySales = await TeamOf(scope).InviteAsync(new TeamActor(Guid.NewGuid(), PortalRoles.Sales), "x@ses.test", "", PortalRoles.Ops);

        Assert.Equal(Team.EmailInvalid, badEmail.Errors["Email"]);
        Assert.Equal(Team.EmailTaken, taken.Errors["Email"]);
        Assert.Equal(Team.OnlyOwnersManageOwners, owner.Errors["Role"]);
        Assert.Equal(Team.NotAllowed, bySales.Errors[""]);
        Assert.Empty(_harness.Mail.Sent);
    }

    [Fact]
    public async Task The_last_owner_stays_an_owner_with_access()
    {
        await using var scope = _harness.Scope(_ses.Id);
        var asOwner = new TeamActor(_owner.Id, PortalRoles.Owner);

        var demote = await TeamOf(scope).ChangeRoleAsync(asOwner, _owner.Id, PortalRoles.Admin);
        var remove = await TeamOf(scope).SetAccessAsync(new TeamActor(Guid.NewGuid(), PortalRoles.Owner), _owner.Id, false);

        Assert.Equal(Team.LastOwner, demote!.Errors["Role"]);
        Assert.Equal(Team.LastOwner, remove!.Errors[""]);
    }

    [Fact]
    public async Task An_owner_can_hand_over_ownership()
    {
        await using var scope = _harness.Scope(_ses.Id);
        var asOwner = new TeamActor(_owner.Id, PortalRoles.Owner);

        Assert.True((await TeamOf(scope).ChangeRoleAsync(asOwner, _admin.Id, PortalRoles.Owner))!.Succeeded);
        Assert.True((await TeamOf(scope).ChangeRoleAsync(asOwner, _owner.Id, PortalRoles.Sales))!.Succeeded);
        Assert.Equal(PortalRoles.Sales, (await TeamOf(scope).FindAsync(_owner.Id))!.Role);
    }

    [Fact]
    public async Task Admins_cannot_touch_owners_and_nobody_removes_themselves()
    {
        await using var scope = _harness.Scope(_ses.Id);

        var adminOnOwner = await TeamOf(scope).SetAccessAsync(new TeamActor(_admin.Id, PortalRoles.Admin), _owner.Id, false);
        var self = await TeamOf(scope).SetAccessAsync(new TeamActor(_admin.Id, PortalRoles.Admin), _admin.Id, false);

        Assert.Equal(Team.OnlyOwnersManageOwners, adminOnOwner!.Errors[""]);
        Assert.Equal(Team.NotYourself, self!.Errors[""]);
    }

    [Fact]
    public async Task Removing_and_restoring_access()
    {
        await using var scope = _harness.Scope(_ses.Id);
        var asOwner = new TeamActor(_owner.Id, PortalRoles.Owner);

        var removed = await TeamOf(scope).SetAccessAsync(asOwner, _admin.Id, false);
        Assert.Equal(StaffStatus.AccessRemoved, removed!.Value!.Status);

        var restored = await TeamOf(scope).SetAccessAsync(asOwner, _admin.Id, true);
        Assert.Equal(StaffStatus.Active, restored!.Value!.Status);
    }
}
