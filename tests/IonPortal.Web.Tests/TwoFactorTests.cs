using System.Net;
using IonPortal.Core.Accounts;
using IonPortal.Core.Validation;
using IonPortal.Web.Demo;
using IonPortal.Web.Tests.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace IonPortal.Web.Tests;

/// <summary>
/// Two-factor sign-in over HTTP, as a browser posts the forms: a reseller requires it, its staff
/// member sets it up at the next sign-in and then signs in with a code, a recovery code works once,
/// a remembered device skips the step, and operators always have it.
/// </summary>
public class TwoFactorTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Staff = "admin@northwind.test";

    private async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> SetUpAsync(PortalClient client)
    {
        var setup = await client.GetAsync("/account/two-factor/setup");
        var key = setup.Document.QuerySelector("[data-testid=authenticator-key]")!.TextContent;
        Assert.NotNull(setup.Document.QuerySelector("img[src^='data:image/png;base64,'][alt]"));
        var wrong = await client.FollowAsync(await client.SubmitFormAsync(setup, "enable", new Dictionary<string, string> { ["Input.Code"] = "000000" }));
        Assert.Contains(Problems.AuthenticatorCodeWrong.Text, wrong.Text);
        Assert.Equal(key, wrong.Document.QuerySelector("[data-testid=authenticator-key]")!.TextContent);   // the same key until it is on
        var done = await client.FollowAsync(await client.SubmitFormAsync(wrong, "enable", new Dictionary<string, string> { ["Input.Code"] = Authenticator.CodeFor(key) }));
        var codes = done.Document.QuerySelectorAll("[data-testid=recovery-codes] li").Select(li => li.TextContent.Trim()).ToList();
        return (key, codes);
    }

    private async Task<Page> PasswordStepAsync(PortalClient client, string email)
    {
        var form = await client.GetAsync("/account/signin");
        return await client.FollowAsync(await client.SubmitFormAsync(form, "signin", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = DemoData.Password }));
    }

    [Fact]
    public async Task A_reseller_requires_it_its_staff_member_sets_it_up_signs_in_with_a_code_and_a_recovery_code_works_once()
    {
        await using (var owner = await ComponentHarness.AsAsync(factory, Staff))
            Assert.True((await owner.Session.RunAsync((Team team) => team.RequireTwoFactorAsync(true))).IsDone);

        // The next sign-in leads to the setup, and no console page opens before it is done.
        var first = factory.CreatePortalClient();
        var landed = await PasswordStepAsync(first, Staff);
        Assert.Equal("/account/two-factor/setup", landed.Url);
        var blocked = await first.GetAsync("/console/customers");
        Assert.Equal(HttpStatusCode.Redirect, blocked.Status);
        Assert.Equal("/account/two-factor/setup", blocked.RedirectTo);
        var (key, recoveryCodes) = await SetUpAsync(first);
        Assert.Equal(TwoFactor.RecoveryCodeCount, recoveryCodes.Count);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/console/customers")).Status);

        // From now on: password, then a code.
        var second = factory.CreatePortalClient();
        var asked = await PasswordStepAsync(second, Staff);
        Assert.StartsWith("/account/two-factor?", asked.Url);
        Assert.NotEqual(HttpStatusCode.OK, (await second.GetAsync("/console/customers")).Status);
        var wrong = await second.FollowAsync(await second.SubmitFormAsync(asked, "two-factor", new Dictionary<string, string> { ["Input.Code"] = "123456" }));
        Assert.Contains(Problems.AuthenticatorCodeWrong.Text, wrong.Text);
        var signedIn = await second.FollowAsync(await second.SubmitFormAsync(wrong, "two-factor", new Dictionary<string, string> { ["Input.Code"] = Authenticator.CodeFor(key) }));
        Assert.Equal("/console", signedIn.Url);

        // A recovery code instead of the app: once.
        var third = factory.CreatePortalClient();
        await PasswordStepAsync(third, Staff);
        var recovery = await third.GetAsync("/account/two-factor?recovery=true");
        var recovered = await third.FollowAsync(await third.SubmitFormAsync(recovery, "two-factor", new Dictionary<string, string> { ["Input.Code"] = recoveryCodes[0] }));
        Assert.Equal("/console", recovered.Url);
        var fourth = factory.CreatePortalClient();
        await PasswordStepAsync(fourth, Staff);
        var again = await fourth.GetAsync("/account/two-factor?recovery=true");
        var refused = await fourth.FollowAsync(await fourth.SubmitFormAsync(again, "two-factor", new Dictionary<string, string> { ["Input.Code"] = recoveryCodes[0] }));
        Assert.Contains(Problems.RecoveryCodeWrong.Text, refused.Text);
        Assert.NotEqual(HttpStatusCode.OK, (await fourth.GetAsync("/console/customers")).Status);

        // Required: it can't be turned off, and the setup page offers no way to.
        var manage = await first.GetAsync("/account/two-factor/setup");
        Assert.Contains($"You have {TwoFactor.RecoveryCodeCount - 1} recovery codes left.", manage.Text);
        Assert.Null(manage.Document.QuerySelector("input[name=_handler][value=turn-off]"));
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var userId = await factory.QueryAsync(db => Task.FromResult(db.Users.Single(u => u.Email == Staff).Id));
        var user = (await users.FindByIdAsync(userId.ToString()))!;
        new IonPortal.Core.WorkContext(Actor.Person(user.Id, user.Email!, user.Role), user.ResellerId, "northwind").Enter(scope.ServiceProvider);
        Assert.Equal(Problems.TwoFactorRequired, (await scope.ServiceProvider.GetRequiredService<TwoFactor>().DisableAsync(user)).Problem);
    }

    [Fact]
    public async Task A_remembered_device_skips_the_code_and_operators_always_have_the_step()
    {
        var client = factory.CreatePortalClient();
        var asked = await PasswordStepAsync(client, DemoData.OperatorEmail);
        Assert.StartsWith("/account/two-factor?", asked.Url);
        var signedIn = await client.FollowAsync(await client.SubmitFormAsync(asked, "two-factor",
            new Dictionary<string, string> { ["Input.Code"] = Authenticator.CodeFor(DemoData.OperatorAuthenticatorKey), ["Input.RememberDevice"] = "true" }));
        Assert.Equal("/admin/resellers", signedIn.Url);
        await client.SubmitAsync(signedIn, "header form[action='/account/signout']");

        var again = await PasswordStepAsync(client, DemoData.OperatorEmail);

        Assert.Equal("/admin/resellers", again.Url);
        Assert.Equal("/account/two-factor?rememberMe=False", (await PasswordStepAsync(factory.CreatePortalClient(), DemoData.OperatorEmail)).Url);
    }

    [Fact]
    public async Task The_code_step_without_the_password_step_asks_to_start_again()
    {
        var client = factory.CreatePortalClient();
        var page = await client.GetAsync("/account/two-factor");

        var refused = await client.FollowAsync(await client.SubmitFormAsync(page, "two-factor", new Dictionary<string, string> { ["Input.Code"] = "123456" }));

        Assert.Contains(Problems.SignInExpired.Text, refused.Text);
    }
}
