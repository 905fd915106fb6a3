using IonPortal.Web.Demo;
using IonPortal.Web.Messaging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IonPortal.Browser.Tests;

/// <summary>A company asks to become a reseller, an operator approves it, and its contact opens the new console for the first time.</summary>
public class OnboardingJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_company_asks_an_operator_approves_and_the_new_owner_signs_in_for_the_first_time()
    {
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync("/account/signin");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Become a reseller" }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Become a reseller", Exact = true })).ToBeVisibleAsync();
        await visitor.GetByLabel("Company name").FillAsync("Adventure Works Cloud");
        await visitor.GetByLabel("First name").FillAsync("Alex");
        await visitor.GetByLabel("Last name").FillAsync("Rivera");
        await visitor.GetByLabel("Email").FillAsync("alex@adventureworks.test");
        await visitor.GetByLabel("Country").SelectOptionAsync("MX");
        await visitor.GetByLabel("Street address").FillAsync("Av. Reforma 222");
        await visitor.GetByLabel("City").FillAsync("Ciudad de México");
        await visitor.GetByLabel("State or province").FillAsync("CMX");
        await visitor.GetByLabel("Postal code").FillAsync("06600");
        await visitor.GetByLabel("Microsoft partner ID (optional)").FillAsync("123abc");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Expect(BrowserFixture.MessageFor(visitor, "applicant-partner-id")).ToHaveTextAsync("A Microsoft partner ID is 6 to 10 digits. Leave it empty if you have none.");
        await Expect(visitor.GetByLabel("Company name")).ToHaveValueAsync("Adventure Works Cloud");
        await visitor.GetByLabel("Microsoft partner ID (optional)").FillAsync("4455667");
        await BrowserFixture.ScreenshotAsync(visitor, "become-a-reseller");
        await BrowserFixture.ExpectAccessibleAsync(visitor, "become a reseller");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Thanks, we have your request" })).ToBeVisibleAsync();

        // The operator reviews it and approves it with a nickname.
        var op = await app.NewPageAsync();
        await BrowserFixture.SignInToConsoleAsync(op, DemoData.OperatorEmail);
        await op.GetByRole(AriaRole.Navigation, new() { Name = "Administration", Exact = true }).GetByRole(AriaRole.Link, new() { Name = "Reseller requests" }).ClickAsync();
        await op.WaitForURLAsync("**/admin/applications");
        await Expect(op.GetByRole(AriaRole.Heading, new() { Name = "Reseller requests" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(op, "admin-reseller-requests");
        await op.GetByRole(AriaRole.Link, new() { Name = "Adventure Works Cloud" }).ClickAsync();
        await BrowserFixture.InteractiveAsync(op);
        await Expect(op.GetByLabel("Nickname")).ToHaveValueAsync("adventure-works-cloud");
        await op.GetByLabel("Nickname").FillAsync("adventureworks");
        await BrowserFixture.ScreenshotAsync(op, "admin-reseller-request");
        await BrowserFixture.ExpectAccessibleAsync(op, "reseller request");
        await op.GetByRole(AriaRole.Button, new() { Name = "Approve and invite" }).ClickAsync();
        await BrowserFixture.ExpectNoticeAsync(op, "Approved: Adventure Works Cloud is a reseller");
        await Expect(op.Locator("[data-testid=application-status]")).ToHaveTextAsync("Approved");

        // The contact follows the invitation, chooses a password and lands in the new console.
        var mail = await app.LastEmailToAsync("alex@adventureworks.test");
        var link = Assert.Single(MailLinks.In(mail!.HtmlBody));
        var owner = await app.NewPageAsync();
        await owner.GotoAsync(new Uri(link).PathAndQuery);
        await owner.GetByLabel("New password").FillAsync("adventure works 2026");
        await owner.GetByLabel("Repeat the password").FillAsync("adventure works 2026");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Save and sign in" }).ClickAsync();
        await BrowserFixture.InteractiveAsync(owner);
        await Expect(owner.GetByText("Adventure Works Cloud").First).ToBeVisibleAsync();
        await Expect(BrowserFixture.ConsoleNav(owner).GetByRole(AriaRole.Link, new() { Name = "Programs" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(owner, "console-first-sign-in");
    }
}
