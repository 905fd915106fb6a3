using IonPortal.Core.Accounts;
using IonPortal.Core.Data;
using IonPortal.Core.Resellers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IonPortal.Core.Tests;

public class ResellerOnboardingTests : IAsyncLifetime
{
    private DomainHarness _harness = default!;

    public async Task InitializeAsync() => _harness = await DomainHarness.CreateAsync("onboarding");

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task<(int Resellers, int Users)> CountAsync()
    {
        await using var scope = _harness.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return (await db.Set<Reseller>().CountAsync(), await db.Users.CountAsync());
    }

    [Fact]
    public async Task Onboarding_creates_the_reseller_its_owner_and_an_invitation()
    {
        await using var scope = _harness.Scope();
        var onboarding = scope.ServiceProvider.GetRequiredService<ResellerOnboarding>();

        var result = await onboarding.OnboardAsync(new NewReseller(" Contoso-Cloud ", "Contoso Cloud", "owner@contoso-cloud.test"));

        Assert.True(result.IsDone);
        Assert.Equal("contoso-cloud", result.Value!.Nickname);
        var invitation = Assert.Single(_harness.Mail.Sent);
        Assert.Equal("invitation", invitation.Kind);
        Assert.Equal(UserKind.Staff, invitation.User.Kind);
        Assert.Equal(PortalRoles.Owner, invitation.User.Role);
        Assert.Equal(result.Value.Id, invitation.User.ResellerId);
        Assert.Null(invitation.User.PasswordHash);
    }

    [Fact]
    public async Task Bad_input_is_reported_per_field_and_nothing_is_saved()
    {
        await using var scope = _harness.Scope();
        var onboarding = scope.ServiceProvider.GetRequiredService<ResellerOnboarding>();

        var result = await onboarding.OnboardAsync(new NewReseller("x", "", "nope"));

        Assert.Equal(Problems.NicknameMalformed, result.Errors["Nickname"]);
        Assert.Equal(Problems.DisplayNameRequired, result.Errors["DisplayName"]);
        Assert.Equal(Problems.EmailInvalid, result.Errors["AdminEmail"]);
        Assert.Equal((0, 0), await CountAsync());
    }

    [Fact]
    public async Task A_taken_nickname_or_console_email_is_refused()
    {
        await using (var first = _harness.Scope())
            Assert.True((await first.ServiceProvider.GetRequiredService<ResellerOnboarding>().OnboardAsync(new NewReseller("acme", "Acme", "owner@acme.test"))).IsDone);

        await using var scope = _harness.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<ResellerOnboarding>().OnboardAsync(new NewReseller("ACME", "Acme Two", "OWNER@acme.test"));

        Assert.Equal(Problems.NicknameTaken, result.Errors["Nickname"]);
        Assert.Equal(Problems.EmailTakenInConsole, result.Errors["AdminEmail"]);
        Assert.Equal((1, 1), await CountAsync());
    }
}
