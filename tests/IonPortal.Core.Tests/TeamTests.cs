using IonPortal.Core.Accounts;
using IonPortal.Core.Auditing;
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

    /// <summary>The team of the acting person's reseller, as that person.</summary>
    private (AsyncServiceScope Scope, Team Team) As(PortalUser actor, Guid? resellerId = null)
    {
        var scope = _harness.Scope(resellerId ?? actor.ResellerId, actor);
        return (scope, scope.ServiceProvider.GetRequiredService<Team>());
    }

    private static PortalUser Someone(Guid resellerId, string role) =>
        PortalUser.Staff(resellerId, role, $"{role.ToLowerInvariant()}@elsewhere.test", "", DateTimeOffset.UtcNow);

    [Fact]
    public async Task Lists_only_the_current_resellers_staff()
    {
        var (scope, team) = As(_owner);
        await using var _ = scope;

        var page = await team.ListAsync(null, new PageRequest(Sort: "email"));

        Assert.Equal(["admin@ses.test", "owner@ses.test"], page.Items.Select(m => m.Email));
    }

    [Fact]
    public async Task Another_resellers_staff_member_is_not_found()
    {
        var (scope, team) = As(Someone(_north.Id, PortalRoles.Owner));
        await using var _ = scope;

        Assert.Null(await team.FindAsync(_admin.Id));
        Assert.Equal(IonPortal.Core.Validation.OutcomeStatus.NotFound, (await team.ChangeRoleAsync(_admin.Id, PortalRoles.Sales)).Status);
        Assert.Equal(IonPortal.Core.Validation.OutcomeStatus.NotFound, (await team.SetAccessAsync(_admin.Id, false)).Status);
    }

    [Fact]
    public async Task Inviting_creates_an_invited_member_emails_a_link_and_is_audited()
    {
        var (scope, team) = As(_admin);
        await using var _ = scope;

        var result = await team.InviteAsync("new.person@ses.test", "New Person", PortalRoles.Sales);

        Assert.True(result.IsDone);
        Assert.Equal(AccountStatus.Invited, result.Value!.Status);
        Assert.Contains(_harness.Mail.Sent, m => m.Kind == "invitation" && m.User.Email == "new.person@ses.test");
        var history = await scope.ServiceProvider.GetRequiredService<AuditTrail>().HistoryAsync("staff", result.Value.Id, new PageRequest());
        var invited = Assert.Single(history.Items);
        Assert.Equal("staff.invited", invited.Action);
        Assert.Equal(_admin.Id, invited.ActorUserId);
        Assert.Equal("Sales", AuditTrail.Fields(invited.After)["role"]);
    }

    [Fact]
    public async Task Invitation_refuses_bad_email_taken_email_and_admin_making_owners()
    {
        var (scope, team) = As(_admin);
        await using var _ = scope;

        var badEmail = await team.InviteAsync("not-an-email", "", PortalRoles.Sales);
        var taken = await team.InviteAsync("OWNER@north.test", "", PortalRoles.Sales);
        var owner = await team.InviteAsync("boss@ses.test", "", PortalRoles.Owner);

        Assert.Equal(Problems.EmailInvalid, badEmail.Errors["Email"]);
        Assert.Equal(Problems.EmailTakenInConsole, taken.Errors["Email"]);
        Assert.Equal(Problems.OnlyOwnersManageOwners, owner.Problem);
        Assert.Empty(_harness.Mail.Sent);
    }

    [Fact]
    public async Task Sales_staff_cannot_manage_the_team()
    {
        var (scope, team) = As(Someone(_ses.Id, PortalRoles.Sales));
        await using var _ = scope;

        Assert.Equal(Problems.MayNotManageTeam, (await team.InviteAsync("x@ses.test", "", PortalRoles.Ops)).Errors[""]);
        Assert.Equal(Problems.MayNotManageTeam, (await team.ChangeRoleAsync(_admin.Id, PortalRoles.Ops))!.Errors[""]);
    }

    [Fact]
    public async Task The_last_owner_stays_an_owner_with_access()
    {
        var (scope, team) = As(_owner);
        await using var _ = scope;

        var demote = await team.ChangeRoleAsync(_owner.Id, PortalRoles.Admin);
        var (otherScope, asAnotherOwner) = As(Someone(_ses.Id, PortalRoles.Owner));
        await using var __ = otherScope;
        var remove = await asAnotherOwner.SetAccessAsync(_owner.Id, false);

        Assert.Equal(Problems.LastOwner, demote.Problem);
        Assert.Equal(Problems.LastOwner, remove!.Errors[""]);
    }

    [Fact]
    public async Task An_owner_can_hand_over_ownership()
    {
        var (scope, team) = As(_owner);
        await using var _ = scope;

        Assert.True((await team.ChangeRoleAsync(_admin.Id, PortalRoles.Owner))!.IsDone);
        Assert.True((await team.ChangeRoleAsync(_owner.Id, PortalRoles.Sales))!.IsDone);
        Assert.Equal(PortalRoles.Sales, (await team.FindAsync(_owner.Id))!.Role);
    }

    [Fact]
    public async Task Admins_cannot_touch_owners_and_nobody_removes_themselves()
    {
        var (scope, team) = As(_admin);
        await using var _ = scope;

        var adminOnOwner = await team.SetAccessAsync(_owner.Id, false);
        var self = await team.SetAccessAsync(_admin.Id, false);

        Assert.Equal(Problems.OnlyOwnersManageOwners, adminOnOwner!.Errors[""]);
        Assert.Equal(Problems.NotYourself, self!.Errors[""]);
    }

    [Fact]
    public async Task Removing_and_restoring_access_is_audited()
    {
        var (scope, team) = As(_owner);
        await using var _ = scope;

        var removed = await team.SetAccessAsync(_admin.Id, false);
        Assert.Equal(AccountStatus.AccessRemoved, removed!.Value!.Status);
        var restored = await team.SetAccessAsync(_admin.Id, true);
        Assert.Equal(AccountStatus.Active, restored!.Value!.Status);

        var history = await scope.ServiceProvider.GetRequiredService<AuditTrail>().HistoryAsync("staff", _admin.Id, new PageRequest());
        Assert.Equal(["staff.access-restored", "staff.access-removed"], history.Items.Select(e => e.Action));
        Assert.Equal("AccessRemoved", AuditTrail.Fields(history.Items[1].After)["status"]);
        Assert.Equal("Active", AuditTrail.Fields(history.Items[1].Before)["status"]);
    }
}
