using System.Net;
using IonPortal.Core.Accounts;
using IonPortal.Core.Resellers;
using IonPortal.Web.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IonPortal.Web.Tests;

public class SignInTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, string> Credentials(string email, string password) =>
        new() { ["Input.Email"] = email, ["Input.Password"] = password };

    [Fact]
    public async Task A_reseller_admin_signs_in_to_the_console_and_out_again()
    {
        var client = factory.CreatePortalClient();

        var console = await client.SignInToConsoleAsync("admin@sesdemo.test");

        Assert.Equal("/console", console.Url);
        Assert.Contains("SES Demo Solutions", console.Document.QuerySelector("header")!.TextContent);
        Assert.Contains("Sofía Estrada", console.Document.QuerySelector("header")!.TextContent);
        Assert.Contains("/v2c/catalog?accountName=sesdemo", console.Document.QuerySelector("#white-label-url")!.GetAttribute("value"));
        Assert.Contains("/marketplace/catalog?accountName=sesdemo", console.Document.QuerySelector("#platform-url")!.GetAttribute("value"));

        var signedOut = await client.SubmitAsync(console, "header form[action='/account/signout']");
        Assert.Equal("/account/signin", signedOut.RedirectTo);
        var again = await client.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        Assert.StartsWith("/account/signin", new Uri(again.RedirectTo!, UriKind.RelativeOrAbsolute).IsAbsoluteUri ? new Uri(again.RedirectTo!).PathAndQuery : again.RedirectTo);
    }

    [Fact]
    public async Task Control_characters_in_posted_fields_are_dropped_before_anything_reads_them()
    {
        // PostgreSQL can't take a NUL; a pasted one must not turn signing in or signing up into an error page.
        var client = factory.CreatePortalClient();
        var form = await client.GetAsync("/v2c/signin?accountName=sesdemo");

        var home = await client.FollowAsync(await client.SubmitFormAsync(form, "signin", Credentials("buyer@contoso.test\0", DemoData.Password)));

        Assert.Equal("/v2c/catalog?accountName=sesdemo", home.Url);
        Assert.Contains("Carlos Buyer", home.Text);
        var visitor = factory.CreatePortalClient();
        var signUp = await visitor.SubmitFormAsync(await visitor.GetAsync("/v2c/signup?accountName=sesdemo"), "sign-up",
            new Dictionary<string, string> { ["Input.CompanyName"] = "Nul\0 Industries\u0007", ["Input.Email"] = "" });
        Assert.Equal(HttpStatusCode.OK, signUp.Status);
        Assert.Equal("Nul Industries", ((AngleSharp.Html.Dom.IHtmlInputElement)signUp.Document.QuerySelector("input[name='Input.CompanyName']")!).Value);
    }

    [Fact]
    public async Task A_wrong_password_is_reported_and_the_email_is_kept()
    {
        var client = factory.CreatePortalClient();
        var form = await client.GetAsync("/account/signin");

        var page = await client.SubmitFormAsync(form, "signin", Credentials("admin@northwind.test", "not-the-password"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Wrong email or password.", page.Document.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("admin@northwind.test", page.ValueOf("signin-email"));
        Assert.Equal("", page.ValueOf("signin-password") ?? "");
    }

    [Fact]
    public async Task Missing_fields_get_messages_next_to_them()
    {
        var client = factory.CreatePortalClient();
        var form = await client.GetAsync("/account/signin");

        var page = await client.SubmitFormAsync(form, "signin", Credentials("not an email", ""));

        Assert.Equal("Enter a valid email address.", page.ErrorFor("signin-email"));
        Assert.Equal("Enter your password.", page.ErrorFor("signin-password"));
        Assert.Equal("not an email", page.ValueOf("signin-email"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var reseller = await scope.ServiceProvider.GetRequiredService<ResellerDirectory>().FindByNicknameAsync("northwind");
            var user = PortalUser.Staff(reseller!.Id, PortalRoles.Sales, "lockme@northwind.test", "Lock Me", DateTimeOffset.UtcNow);
            Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
        }
        var client = factory.CreatePortalClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await client.SubmitFormAsync(await client.GetAsync("/account/signin"), "signin", Credentials("lockme@northwind.test", "wrong-" + attempt));
            Assert.Contains(attempt < 5 ? "Wrong email or password." : "Too many failed attempts", wrong.Text);
        }
        var right = await client.SubmitFormAsync(await client.GetAsync("/account/signin"), "signin", Credentials("lockme@northwind.test", DemoData.Password));

        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Contains("Too many failed attempts", right.Text);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/console")).Status);
    }

    [Fact]
    public async Task Someone_at_a_customer_cannot_sign_in_to_the_console()
    {
        var client = factory.CreatePortalClient();

        var page = await client.SignInToConsoleAsync("buyer@contoso.test");

        Assert.Contains("Wrong email or password.", page.Text);
    }

    [Fact]
    public async Task A_customer_signs_in_to_their_resellers_storefront_only()
    {
        var client = factory.CreatePortalClient();

        var elsewhere = await client.SignInToStorefrontAsync("northwind", "buyer@contoso.test");
        Assert.Contains("Wrong email or password.", elsewhere.Text);

        var home = await client.SignInToStorefrontAsync("sesdemo", "buyer@contoso.test");
        Assert.Equal("/v2c/catalog?accountName=sesdemo", home.Url);
        Assert.Contains("Welcome back, Carlos Buyer", home.Document.QuerySelector("h1")!.TextContent);
        Assert.NotNull(home.Document.QuerySelector("form[action='/v2c/signout?accountName=sesdemo']"));

        // Signed in at sesdemo, the same person is a visitor on northwind's storefront.
        var other = await client.GetAsync("/v2c/catalog?accountName=northwind");
        Assert.NotNull(other.Document.QuerySelector("a[href='/v2c/signin?accountName=northwind']"));
        Assert.DoesNotContain("Carlos", other.Text);

        var signedOut = await client.FollowAsync(await client.SubmitAsync(home, "form[action='/v2c/signout?accountName=sesdemo']"));
        Assert.Equal("/v2c/catalog?accountName=sesdemo", signedOut.Url);
        Assert.NotNull(signedOut.Document.QuerySelector("a[href='/v2c/signin?accountName=sesdemo']"));
    }

    [Fact]
    public async Task The_same_email_can_buy_from_two_resellers_with_separate_accounts()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var db = scope.ServiceProvider.GetRequiredService<IonPortal.Core.Data.PortalDbContext>();
            var northwind = await db.Set<Reseller>().SingleAsync(r => r.Nickname == "northwind");
            var fabrikam = await db.Set<IonPortal.Core.Customers.Customer>().IgnoreQueryFilters().SingleAsync(c => c.ResellerId == northwind.Id);
            var twin = PortalUser.CustomerPerson(northwind.Id, fabrikam.Id, PortalRoles.CustomerUser, "buyer@contoso.test", "Carlos at Northwind", DateTimeOffset.UtcNow);
            Assert.True((await users.CreateAsync(twin, "northwind-password")).Succeeded);
        }
        var client = factory.CreatePortalClient();

        var withSesPassword = await client.SignInToStorefrontAsync("northwind", "buyer@contoso.test", DemoData.Password);
        var withOwnPassword = await client.SignInToStorefrontAsync("northwind", "buyer@contoso.test", "northwind-password");

        Assert.Contains("Wrong email or password.", withSesPassword.Text);
        Assert.Contains("Welcome back, Carlos at Northwind", withOwnPassword.Text);
    }

    [Fact]
    public async Task An_operator_signs_in_and_sees_the_resellers()
    {
        var client = factory.CreatePortalClient();

        var admin = await client.SignInToConsoleAsync(DemoData.OperatorEmail);

        Assert.Equal("/admin/resellers", admin.Url);
        Assert.Equal("Resellers", admin.Document.QuerySelector("h1")!.TextContent.Trim());
        // The page is prerendered and then runs in a circuit, which loads the list (bUnit tests cover the rows).
        Assert.Contains("<!--Blazor:", admin.Html);
        Assert.NotNull(admin.Document.QuerySelector("script[src*='blazor.web']"));
    }

    [Theory]
    [InlineData("admin@sesdemo.test", "/admin/resellers")]
    [InlineData(DemoData.OperatorEmail, "/console")]
    public async Task Each_surface_is_closed_to_the_other_kinds_of_user(string email, string forbidden)
    {
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync(email);

        var page = await client.GetAsync(forbidden);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Contains("/account/access-denied", page.RedirectTo);
    }

    [Theory]
    [InlineData("/account/signout")]
    [InlineData("/v2c/signout?accountName=sesdemo")]
    public async Task Form_posts_without_an_antiforgery_token_are_refused(string url)
    {
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync("admin@sesdemo.test");

        using var response = await client.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "es" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/console")).Status);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_right_sign_in()
    {
        var client = factory.CreatePortalClient();

        var console = await client.GetAsync("/console/team");

        Assert.Equal(HttpStatusCode.Redirect, console.Status);
        Assert.Contains("/account/signin?returnUrl=%2Fconsole%2Fteam", console.RedirectTo);
    }

    [Fact]
    public async Task A_session_is_trusted_for_a_minute_then_rechecked_and_ended_when_its_account_changed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.Configure<SecurityStampValidatorOptions>(o => o.TimeProvider = clock)));
        var buyer = new PortalClient(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }));
        await buyer.SignInToStorefrontAsync("sesdemo", "buyer@contoso.test");
        const string account = "/v2c/account?accountName=sesdemo";

        // Access removed, a role changed: the account's security stamp moves on.
        await factory.QueryAsync(async db =>
        {
            var sesdemo = await db.Set<Reseller>().Where(r => r.Nickname == "sesdemo").Select(r => r.Id).SingleAsync();
            var user = await db.Users.SingleAsync(u => u.Email == "buyer@contoso.test" && u.ResellerId == sesdemo);
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            return await db.SaveChangesAsync();
        });

        var withinTheMinute = await buyer.GetAsync(account);
        clock.Advance(TimeSpan.FromSeconds(61));
        var afterIt = await buyer.GetAsync(account);

        Assert.Equal(HttpStatusCode.OK, withinTheMinute.Status);
        Assert.Contains("Carlos Buyer", withinTheMinute.Text);
        Assert.Equal(HttpStatusCode.Redirect, afterIt.Status);
        Assert.StartsWith("/v2c/signin?accountName=sesdemo", afterIt.RedirectTo);
    }

    [Fact]
    public async Task An_open_console_or_portal_is_ended_once_the_account_changed_or_lost_access()
    {
        // The check a circuit runs every minute (RevalidatingServerAuthenticationStateProvider).
        await using var scope = factory.Services.CreateAsyncScope();
        var check = (IonPortal.Web.Account.PortalAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>();
        var staff = await users.FindByEmailAsync("admin@northwind.test");
        var principal = await principals.CreateAsync(staff!);

        Assert.True(await check.IsStillValidAsync(principal));
        await users.UpdateSecurityStampAsync(staff!);   // a role changed, access removed, a password reset…
        Assert.False(await check.IsStillValidAsync(principal));
        var fresh = await principals.CreateAsync((await users.FindByEmailAsync("admin@northwind.test"))!);
        Assert.True(await check.IsStillValidAsync(fresh));
    }
}
