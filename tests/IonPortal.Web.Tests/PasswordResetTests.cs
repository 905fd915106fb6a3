using IonPortal.Web.Tests.Components;
using Bunit;
using System.Net;
using IonPortal.Core.Messaging;
using IonPortal.Web.Messaging;
using IonPortal.Web.Demo;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Tests;

public class PasswordResetTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string PathOf(string url) => new Uri(url).PathAndQuery;

    private async Task<string> ResetLinkForAsync(string email)
    {
        var mail = await factory.LastEmailToAsync(email);
        Assert.NotNull(mail);
        return Assert.Single(MailLinks.In(mail.HtmlBody));
    }

    private async Task<Page> ChooseAsync(PortalClient client, string link, string password) =>
        await client.SubmitFormAsync(await client.GetAsync(PathOf(link)), "choose-password",
            new Dictionary<string, string> { ["Input.Password"] = password, ["Input.ConfirmPassword"] = password });

    [Fact]
    public async Task A_forgotten_console_password_is_reset_by_a_link_that_works_once()
    {
        var client = factory.CreatePortalClient();
        var forgot = await client.SubmitFormAsync(await client.GetAsync("/account/forgot-password"), "forgot-password",
            new Dictionary<string, string> { ["Input.Email"] = "admin@northwind.test" });
        Assert.Contains("If admin@northwind.test has an account here, we have sent it a link", forgot.Text);

        var link = await ResetLinkForAsync("admin@northwind.test");
        Assert.StartsWith("http://localhost/account/reset-password?user=", link);

        var changed = await ChooseAsync(client, link, "a whole new password");
        Assert.Contains("Your password has been changed.", changed.Text);

        var replay = await ChooseAsync(client, link, "an attacker's password");
        Assert.Contains("This link has expired or was already used.", replay.Text);

        Assert.Contains("Wrong email or password.", (await client.SignInToConsoleAsync("admin@northwind.test", DemoData.Password)).Text);
        Assert.Contains("/console", (await client.SignInToConsoleAsync("admin@northwind.test", "a whole new password")).Url);
    }

    [Fact]
    public async Task A_customer_resets_on_their_storefront_with_its_branding()
    {
        var client = factory.CreatePortalClient();
        await client.SubmitFormAsync(await client.GetAsync("/v2c/forgot-password?accountName=northwind"), "forgot-password",
            new Dictionary<string, string> { ["Input.Email"] = "buyer@fabrikam.test" });

        var mail = await factory.LastEmailToAsync("buyer@fabrikam.test");
        Assert.Contains("Northwind Cloud", mail!.Subject);
        Assert.Contains("#0f766e", mail.HtmlBody);
        var link = await ResetLinkForAsync("buyer@fabrikam.test");
        Assert.StartsWith("http://localhost/v2c/reset-password?accountName=northwind&user=", link);

        var page = await client.GetAsync(PathOf(link));
        Assert.Equal("Northwind Cloud", page.Document.QuerySelector(".storefront-brand")!.TextContent.Trim());
        Assert.Contains("Your password has been changed.", (await ChooseAsync(client, link, "fabrikam buys more")).Text);
        Assert.Contains("Welcome back", (await client.SignInToStorefrontAsync("northwind", "buyer@fabrikam.test", "fabrikam buys more")).Text);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_and_no_email()
    {
        var client = factory.CreatePortalClient();
        var before = await factory.QueryAsync(db => db.Set<EmailMessage>().CountAsync());

        var page = await client.SubmitFormAsync(await client.GetAsync("/account/forgot-password"), "forgot-password",
            new Dictionary<string, string> { ["Input.Email"] = "nobody@nowhere.test" });

        Assert.Contains("If nobody@nowhere.test has an account here, we have sent it a link", page.Text);
        Assert.Equal(before, await factory.QueryAsync(db => db.Set<EmailMessage>().CountAsync()));
    }

    [Fact]
    public async Task Mismatched_or_short_passwords_are_refused_next_to_the_field()
    {
        var client = factory.CreatePortalClient();
        await client.SubmitFormAsync(await client.GetAsync("/account/forgot-password"), "forgot-password",
            new Dictionary<string, string> { ["Input.Email"] = "admin@sesdemo.test" });
        var link = await ResetLinkForAsync("admin@sesdemo.test");

        var page = await client.SubmitFormAsync(await client.GetAsync(PathOf(link)), "choose-password",
            new Dictionary<string, string> { ["Input.Password"] = "short", ["Input.ConfirmPassword"] = "different" });

        Assert.Equal("Use at least 8 characters.", page.ErrorFor("new-password"));
        Assert.Equal("The two passwords don't match.", page.ErrorFor("confirm-password"));
        // The link is still good: nothing was spent on the failed attempt.
        Assert.Contains("Your password has been changed.", (await ChooseAsync(client, link, DemoData.Password)).Text);
    }

    [Fact]
    public async Task A_broken_link_says_so()
    {
        var page = await factory.CreatePortalClient().GetAsync("/account/reset-password?user=nope");

        Assert.Contains("This link is incomplete.", page.Text);
    }

    [Fact]
    public async Task Operators_see_the_emails_and_their_links_in_the_mailbox()
    {
        var client = factory.CreatePortalClient();
        await client.SubmitFormAsync(await client.GetAsync("/v2c/forgot-password?accountName=sesdemo"), "forgot-password",
            new Dictionary<string, string> { ["Input.Email"] = "buyer@contoso.test" });
        var link = await ResetLinkForAsync("buyer@contoso.test");

        var staff = factory.CreatePortalClient();
        await staff.SignInToConsoleAsync("admin@sesdemo.test");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/admin/mailbox")).Status);

        await using var op = await Components.ComponentHarness.AsAsync(factory, DemoData.OperatorEmail);
        var mailbox = op.RenderAt<IonPortal.Web.Components.Admin.Mailbox>("/admin/mailbox?q=buyer@contoso.test");
        var row = Assert.Single(mailbox.Rows(), r => r.TextContent.Contains("Reset your password for SES Demo Solutions"));
        Assert.NotNull(row.QuerySelector($"a[href='{link}']"));
        var mailId = Guid.Parse(row.QuerySelector("a[href^='/admin/mailbox/']")!.GetAttribute("href")!.Split('/').Last());
        var details = op.Render<IonPortal.Web.Components.Admin.MailDetails>(p => p.Add(x => x.Id, mailId));
        details.WaitForAssertion(() => Assert.NotNull(details.Find($"a[href='{link}']")));
        op.Render<IonPortal.Web.Components.Admin.MailDetails>(p => p.Add(x => x.Id, Guid.NewGuid())).WaitForAssertion(() => Assert.True(op.NotFound));
    }
}
