using IonPortal.Core.Accounts;
using IonPortal.Web.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IonPortal.Browser.Tests;

/// <summary>An owner requires two-factor sign-in; a colleague sets it up at the next sign-in, then signs in with a code and with a recovery code.</summary>
public class TwoFactorJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string Colleague = "sam@sesdemo.test";

    private async Task AddColleagueAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var ses = await app.QueryAsync(db => db.Set<IonPortal.Core.Resellers.Reseller>().SingleAsync(r => r.Nickname == "sesdemo"));
        var user = PortalUser.Staff(ses.Id, PortalRoles.Sales, Colleague, "Sam Seller", DateTimeOffset.UtcNow);
        user.EmailConfirmed = true;
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().CreateAsync(user, IonPortal.Web.Demo.DemoData.Password)).Succeeded);
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_owner_requires_it_and_a_colleague_sets_it_up_then_signs_in_with_a_code_and_a_recovery_code()
    {
        await AddColleagueAsync();
        var owner = await app.NewPageAsync();
        await BrowserFixture.SignInToConsoleAsync(owner, "admin@sesdemo.test");
        await BrowserFixture.ConsoleNav(owner).GetByRole(AriaRole.Link, new() { Name = "Team" }).ClickAsync();
        await owner.GetByLabel("Required for all staff").CheckAsync();
        await BrowserFixture.ExpectNoticeAsync(owner, "Two-factor sign-in is now required.");
        await BrowserFixture.ScreenshotAsync(owner, "console-team-two-factor");

        // The colleague's next sign-in leads through the setup.
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await BrowserFixture.SignInAsync(page, Colleague);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor sign-in" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code to add IonPortal to your authenticator app" })).ToBeVisibleAsync();
        var key = (await page.Locator("[data-testid=authenticator-key]").TextContentAsync())!;
        await BrowserFixture.ScreenshotAsync(page, "account-two-factor-setup");
        await BrowserFixture.ExpectAccessibleAsync(page, "two-factor setup");
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(Authenticator.CodeFor(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Two-factor sign-in is on.");
        var codes = await page.Locator("[data-testid=recovery-codes] li").AllTextContentsAsync();
        Assert.Equal(TwoFactor.RecoveryCodeCount, codes.Count);
        await BrowserFixture.ScreenshotAsync(page, "account-two-factor-recovery-codes");
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await BrowserFixture.InteractiveAsync(page);
        await SignOutAsync(page);

        // Password, then the code from the app.
        await BrowserFixture.SignInAsync(page, Colleague);
        await BrowserFixture.ScreenshotAsync(page, "account-two-factor-code");
        await BrowserFixture.ExpectAccessibleAsync(page, "two-factor code");
        await BrowserFixture.EnterCodeAsync(page, key);
        await BrowserFixture.InteractiveAsync(page);
        await SignOutAsync(page);

        // Password, then a recovery code: it works once.
        await BrowserFixture.SignInAsync(page, Colleague);
        await page.GetByRole(AriaRole.Link, new() { Name = "Lost your device? Use a recovery code" }).ClickAsync();
        await page.GetByLabel("Recovery code").FillAsync(codes[3].Trim());
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await BrowserFixture.InteractiveAsync(page);
        await SignOutAsync(page);
        await BrowserFixture.SignInAsync(page, Colleague);
        await page.GetByRole(AriaRole.Link, new() { Name = "Lost your device? Use a recovery code" }).ClickAsync();
        await page.GetByLabel("Recovery code").FillAsync(codes[3].Trim());
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(BrowserFixture.MessageFor(page, "two-factor-code")).ToHaveTextAsync("That recovery code didn't work. Each code works once.");
    }
}
