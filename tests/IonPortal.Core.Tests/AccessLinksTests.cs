using IonPortal.Core.Accounts;
using IonPortal.Core.Resellers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IonPortal.Core.Tests;

public class AccessLinksTests : IAsyncLifetime
{
    // The domain's clock: it moves on a millisecond per reading, and a test moves it by hours or days.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
    private DomainHarness _harness = default!;
    private Reseller _ses = default!;
    private Reseller _north = default!;

    public async Task InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync("access_links", _clock);
        _ses = await _harness.AddResellerAsync("ses");
        _north = await _harness.AddResellerAsync("north");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_reset_link_works_once()
    {
        var staff = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Admin, "reset@ses.test");
        await using var scope = _harness.Scope();
        var links = scope.ServiceProvider.GetRequiredService<AccessLinks>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();

        await links.RequestPasswordResetAsync(SignInRealm.Console, "RESET@ses.test");
        var token = _harness.Mail.LastTokenFor("reset", "reset@ses.test");

        Assert.True((await links.ResetPasswordAsync(staff.Id, token, "a brand new secret", SignInRealm.Console)).IsDone);
        var again = await links.ResetPasswordAsync(staff.Id, token, "yet another secret", SignInRealm.Console);

        Assert.Equal(Problems.InvalidLink, again.Errors[""]);
        Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(staff.Id.ToString()))!, "a brand new secret"));
    }

    [Fact]
    public async Task A_reset_clears_a_lockout_and_refuses_short_passwords()
    {
        var staff = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Admin, "locked@ses.test");
        await using var scope = _harness.Scope();
        var links = scope.ServiceProvider.GetRequiredService<AccessLinks>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(staff.Id.ToString()))!;
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15));

        await links.RequestPasswordResetAsync(SignInRealm.Console, "locked@ses.test");
        var token = _harness.Mail.LastTokenFor("reset", "locked@ses.test");
        var tooShort = await links.ResetPasswordAsync(staff.Id, token, "short", SignInRealm.Console);
        var ok = await links.ResetPasswordAsync(staff.Id, token, "long enough now", SignInRealm.Console);

        Assert.Equal(Problems.TooShort(PasswordPolicy.MinimumLength), tooShort.Errors["Password"]);
        Assert.True(ok.IsDone);
        Assert.False(await users.IsLockedOutAsync((await users.FindByIdAsync(staff.Id.ToString()))!));
    }

    [Fact]
    public async Task Reset_requests_stay_in_their_realm()
    {
        var customer = await _harness.AddCustomerAsync(_ses.Id, "Contoso");
        await _harness.AddUserAsync(PortalUser.CustomerPerson(_ses.Id, customer.Id, PortalRoles.CustomerUser, "buyer@contoso.test", "", DateTimeOffset.UtcNow));
        await using var scope = _harness.Scope();
        var links = scope.ServiceProvider.GetRequiredService<AccessLinks>();

        await links.RequestPasswordResetAsync(SignInRealm.Console, "buyer@contoso.test");
        await links.RequestPasswordResetAsync(SignInRealm.Storefront(_north.Id), "buyer@contoso.test");
        Assert.Empty(_harness.Mail.Sent);

        await links.RequestPasswordResetAsync(SignInRealm.Storefront(_ses.Id), "buyer@contoso.test");
        Assert.Single(_harness.Mail.Sent);
    }

    [Fact]
    public async Task An_invitation_sets_the_first_password_once()
    {
        var invited = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Sales, "invited@ses.test", password: null);
        await using var scope = _harness.Scope();
        var links = scope.ServiceProvider.GetRequiredService<AccessLinks>();
        await links.QueueInvitationAsync(invited);
        var token = _harness.Mail.LastTokenFor("invitation", "invited@ses.test");

        var tooShort = await links.AcceptInvitationAsync(invited.Id, token, "short", SignInRealm.Console);
        var accepted = await links.AcceptInvitationAsync(invited.Id, token, "my first password", SignInRealm.Console);
        var replayed = await links.AcceptInvitationAsync(invited.Id, token, "someone else's", SignInRealm.Console);

        Assert.Equal(Problems.TooShort(PasswordPolicy.MinimumLength), tooShort.Errors["Password"]);
        Assert.True(accepted.IsDone);
        Assert.True(accepted.Value!.EmailConfirmed);
        Assert.Equal(Problems.InvalidLink, replayed.Errors[""]);
    }

    [Fact]
    public async Task An_invitation_for_the_console_is_refused_on_a_storefront()
    {
        var invited = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Sales, "elsewhere@ses.test", password: null);
        await using var scope = _harness.Scope();
        var links = scope.ServiceProvider.GetRequiredService<AccessLinks>();
        await links.QueueInvitationAsync(invited);
        var token = _harness.Mail.LastTokenFor("invitation", "elsewhere@ses.test");

        var result = await links.AcceptInvitationAsync(invited.Id, token, "my first password", SignInRealm.Storefront(_ses.Id));

        Assert.Equal(Problems.InvalidLink, result.Errors[""]);
    }

    [Fact]
    public async Task A_reset_link_works_for_three_hours_and_not_after()
    {
        var inTime = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Admin, "in-time@ses.test");
        var tooLate = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Admin, "too-late@ses.test");
        await using var scope = _harness.Scope();
        var links = scope.ServiceProvider.GetRequiredService<AccessLinks>();
        await links.RequestPasswordResetAsync(SignInRealm.Console, "in-time@ses.test");
        await links.RequestPasswordResetAsync(SignInRealm.Console, "too-late@ses.test");

        _clock.Advance(TimeSpan.FromHours(3) - TimeSpan.FromMinutes(1));
        var used = await links.ResetPasswordAsync(inTime.Id, _harness.Mail.LastTokenFor("reset", "in-time@ses.test"), "a brand new secret", SignInRealm.Console);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await links.ResetPasswordAsync(tooLate.Id, _harness.Mail.LastTokenFor("reset", "too-late@ses.test"), "a brand new secret", SignInRealm.Console);

        Assert.True(used.IsDone);
        Assert.Equal(Problems.InvalidLink, expired.Errors[""]);
    }

    [Fact]
    public async Task An_invitation_works_for_seven_days_and_not_after()
    {
        var inTime = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Sales, "week@ses.test", password: null);
        var tooLate = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Sales, "week-and-a-bit@ses.test", password: null);
        await using var scope = _harness.Scope();
        var links = scope.ServiceProvider.GetRequiredService<AccessLinks>();
        await links.QueueInvitationAsync(inTime);
        await links.QueueInvitationAsync(tooLate);

        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        var accepted = await links.AcceptInvitationAsync(inTime.Id, _harness.Mail.LastTokenFor("invitation", "week@ses.test"), "my first password", SignInRealm.Console);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await links.AcceptInvitationAsync(tooLate.Id, _harness.Mail.LastTokenFor("invitation", "week-and-a-bit@ses.test"), "my first password", SignInRealm.Console);

        Assert.True(accepted.IsDone);
        Assert.Equal(Problems.InvalidLink, expired.Errors[""]);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_an_account_for_fifteen_minutes()
    {
        var staff = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Admin, "typo@ses.test");
        await using var scope = _harness.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(staff.Id.ToString()))!;

        for (var i = 0; i < 4; i++)
            await users.AccessFailedAsync(user);
        var afterFour = await users.IsLockedOutAsync(user);
        await users.AccessFailedAsync(user);
        var afterFive = await users.IsLockedOutAsync(user);
        _clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        var justBefore = await users.IsLockedOutAsync(user);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var justAfter = await users.IsLockedOutAsync(user);

        Assert.False(afterFour);
        Assert.True(afterFive);
        Assert.True(justBefore);
        Assert.False(justAfter);
    }
}
