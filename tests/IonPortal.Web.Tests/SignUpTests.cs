using System.Net;
using AngleSharp.Dom;
using IonPortal.Core.Approvals;
using IonPortal.Core.Customers;
using IonPortal.Core.Pricing;
using IonPortal.Web.Messaging;
using IonPortal.Core.Validation;
using IonPortal.Web.Components.Console.Approvals;
using IonPortal.Web.Components.Console.StorefrontSetup;
using IonPortal.Web.Components.Layout;
using IonPortal.Web.Tests.Components;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Tests;

/// <summary>The storefront's sign-up, its email confirmation, and the approval queue deciding it.</summary>
public class SignUpTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, string> SignUp(string email, string company = "Tailwind Traders", string postal = "94105", bool acceptTerms = true)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.CompanyName"] = company, ["Input.FirstName"] = "Tess", ["Input.LastName"] = "Wind", ["Input.Email"] = email,
            ["Input.Street"] = "1 Market St", ["Input.City"] = "San Francisco", ["Input.State"] = "CA", ["Input.PostalCode"] = postal, ["Input.Country"] = "US",
            ["Input.PreferredLanguage"] = "en", ["Input.Password"] = "tailwind-traders-1",
        };
        if (acceptTerms)
            fields["Input.AcceptTerms"] = "true";
        return fields;
    }

    private Task<int> RequestCountAsync() => factory.QueryAsync(db => db.Set<ApprovalRequest>().IgnoreQueryFilters().CountAsync());

    private Task<ApprovalRequest> RequestAsync(string email) =>
        factory.QueryAsync(db => db.Set<ApprovalRequest>().IgnoreQueryFilters().SingleAsync(r => r.ContactEmail == email));

    private async Task<PortalClient> AdminAsync(string email = "admin@sesdemo.test")
    {
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync(email);
        return client;
    }

    /// <summary>Signs up on a storefront and clicks the emailed confirmation link; returns the confirmation page.</summary>
    private async Task<Page> SignUpAndConfirmAsync(string nickname, string email, string company)
    {
        var visitor = factory.CreatePortalClient();
        var done = await visitor.FollowAsync(await visitor.SubmitFormAsync(await visitor.GetAsync($"/v2c/signup?accountName={nickname}"), "sign-up", SignUp(email, company, acceptTerms: nickname == "sesdemo")));
        Assert.Contains("Check your email", done.Text);
        var mail = await factory.LastEmailToAsync(email);
        var link = Assert.Single(MailLinks.In(mail!.HtmlBody));
        Assert.StartsWith($"http://localhost/v2c/signup/confirm?accountName={nickname}&request=", link);
        return await visitor.GetAsync(new Uri(link).PathAndQuery);
    }

    [Fact]
    public async Task Bad_sign_ups_show_each_problem_next_to_its_field_keep_what_was_typed_and_save_nothing()
    {
        var visitor = factory.CreatePortalClient();
        var form = await visitor.GetAsync("/v2c/signup?accountName=sesdemo");
        Assert.Contains("Orders are billed monthly in arrears.", form.Text);
        var before = await RequestCountAsync();

        var missing = await visitor.SubmitFormAsync(form, "sign-up", new Dictionary<string, string> { ["Input.CompanyName"] = "", ["Input.Email"] = "tess@tailwind.test" });
        var wrongPostal = await visitor.SubmitFormAsync(form, "sign-up", SignUp("tess@tailwind.test", postal: "SW1A 1AA"));
        var blocked = await visitor.SubmitFormAsync(form, "sign-up", SignUp("tess@mailinator.com"));
        var duplicate = await visitor.SubmitFormAsync(form, "sign-up", SignUp("buyer@contoso.test"));
        var noTerms = await visitor.SubmitFormAsync(form, "sign-up", SignUp("tess@tailwind.test", acceptTerms: false));

        Assert.Equal("Enter the company name.", missing.ErrorFor("sign-up-company"));
        Assert.Equal("Enter the contact's first name.", missing.ErrorFor("sign-up-first-name"));
        Assert.Equal("Choose a country.", missing.ErrorFor("sign-up-country"));
        Assert.Equal("Use at least 8 characters.", missing.ErrorFor("sign-up-password"));
        Assert.Equal("tess@tailwind.test", missing.ValueOf("sign-up-email"));
        Assert.Equal("This postal code doesn't match the country's format.", wrongPostal.ErrorFor("sign-up-postal-code"));
        Assert.Equal("SW1A 1AA", wrongPostal.ValueOf("sign-up-postal-code"));
        Assert.Equal("Tailwind Traders", wrongPostal.ValueOf("sign-up-company"));
        Assert.Equal("", wrongPostal.ValueOf("sign-up-password"));
        Assert.Equal("Sign-ups from this email domain aren't accepted.", blocked.ErrorFor("sign-up-email"));
        Assert.Equal("An account with this email already exists. Sign in instead.", duplicate.ErrorFor("sign-up-email"));
        Assert.Equal("Accept the terms to continue.", noTerms.ErrorFor("sign-up-terms"));
        Assert.Equal(before, await RequestCountAsync());
    }

    [Fact]
    public async Task A_visitor_signs_up_confirms_is_approved_with_a_price_book_and_sees_its_prices()
    {
        await factory.Services.GetRequiredService<IonPortal.Web.Caching.ChangeListener>().Listening;
        // A colleague's console stays open on the side: its count follows the sign-up and the decision.
        await using var colleague = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        var nav = colleague.Render<ConsoleNav>();
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        int Pending() => int.Parse(System.Text.RegularExpressions.Regex.Match(nav.Find("[data-testid=pending-count]").TextContent, @"\d+").Value);
        var ses = await factory.QueryAsync(db => db.Set<Core.Resellers.Reseller>().Where(r => r.Nickname == "sesdemo").Select(r => r.Id).SingleAsync());
        var pendingBefore = await factory.QueryAsync(db => db.Set<ApprovalRequest>().IgnoreQueryFilters().CountAsync(r => r.ResellerId == ses && r.Status == ApprovalStatus.Pending));
        nav.WaitForAssertion(() => Assert.Equal(pendingBefore, Pending()));

        var confirmed = await SignUpAndConfirmAsync("sesdemo", "tess@tailwind.test", "Tailwind Traders");
        Assert.Contains("Thanks, your email is confirmed", confirmed.Text);
        var request = await RequestAsync("tess@tailwind.test");
        Assert.Equal(ApprovalStatus.Pending, request.Status);
        Assert.Equal("New sign-up waiting for approval: Tailwind Traders", (await factory.LastEmailToAsync("admin@sesdemo.test"))!.Subject);
        // The console's count follows the new sign-up without a reload (the database announces it).
        nav.WaitForAssertion(() => Assert.Equal(pendingBefore + 1, Pending()), TimeSpan.FromSeconds(10));

        var queue = ui.RenderAt<ApprovalList>("/console/approvals");
        Assert.Contains("Tailwind Traders", queue.RowNames());
        Assert.Equal((pendingBefore + 1).ToString(), queue.FindAll("[role=tab]").Single(t => t.TextContent.StartsWith("Pending")).QuerySelector(".mud-badge")!.TextContent.Trim());

        var details = ui.Render<ApprovalDetails>(p => p.Add(x => x.Id, request.Id));
        details.WaitForElement("#approve-book");
        var keyAccounts = await factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().Where(b => b.Name == "Key accounts USD").Select(b => b.Id).SingleAsync());
        await details.ChooseAsync<ApprovalDetails, Guid?>("approve-book", null);
        await details.ChooseAsync<ApprovalDetails, Guid?>("approve-support", null);
        await details.TickAsync("Microsoft", on: false);
        await details.TickAsync("Adobe", on: false);
        await details.SubmitAsync("approve-book");
        details.WaitForAssertion(() => Assert.Equal("Choose one of your price books.", details.ErrorFor("approve-book")));
        Assert.Equal("Choose a support plan.", details.ErrorFor("approve-support"));
        Assert.Contains("Authorize at least one provider.", details.Find("#approve-providers-error").TextContent);
        Assert.Equal(ApprovalStatus.Pending, (await RequestAsync("tess@tailwind.test")).Status);

        var fresh = ui.Render<ApprovalDetails>(p => p.Add(x => x.Id, request.Id));
        fresh.WaitForElement("#approve-book");
        await fresh.ChooseAsync<ApprovalDetails, Guid?>("approve-book", keyAccounts);
        await fresh.SubmitAsync("approve-book");
        Assert.Contains("Approved. The customer and its admin account are ready", ui.Notices);
        fresh.WaitForAssertion(() => Assert.Contains("Sofía Estrada", fresh.Find("[data-testid=decision]").TextContent));
        fresh.WaitForAssertion(() => Assert.Contains("Approved", fresh.Find(".audit-history li").TextContent));
        Assert.DoesNotContain("Reason", fresh.Find(".audit-history li").TextContent);   // an approval has none to show
        var customer = await factory.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().Include(c => c.Authorizations).SingleAsync(c => c.CompanyName == "Tailwind Traders"));
        Assert.Equal((CustomerStatus.Active, keyAccounts), (customer.Status, customer.PriceBookId));
        Assert.Equal(["adobe", "microsoft"], customer.Authorizations.Select(a => a.Provider).Order());
        Assert.Equal("Your SES Demo Solutions account is ready", (await factory.LastEmailToAsync("tess@tailwind.test"))!.Subject);
        nav.WaitForAssertion(() => Assert.Equal(pendingBefore, Pending()), TimeSpan.FromSeconds(10));

        // Signed in, the new customer sees the Key accounts book's prices (8 % over cost), not the storefront's (15 %).
        var buyer = factory.CreatePortalClient();
        var catalog = await buyer.SignInToStorefrontAsync("sesdemo", "tess@tailwind.test", "tailwind-traders-1");
        var visitor = await factory.CreatePortalClient().GetAsync("/v2c/catalog?accountName=sesdemo&q=Defender+for+Endpoint+P1");
        var signedIn = await buyer.GetAsync("/v2c/catalog?accountName=sesdemo&q=Defender+for+Endpoint+P1");
        Assert.Contains("Welcome back, Tess Wind", catalog.Text);
        Assert.NotEqual(Price(visitor), Price(signedIn));
        var cost = await factory.QueryAsync(db => db.Set<Core.Catalog.PlanPrice>()
            .Where(p => p.Currency == "USD" && db.Set<Core.Catalog.Plan>().Any(pl => pl.Id == p.PlanId && pl.Product!.Name == "Microsoft Defender for Endpoint P1"))
            .Select(p => p.Cost).ToListAsync());
        Assert.Contains(Price(signedIn), cost.Select(c => Math.Round(c * 1.08m, 2, MidpointRounding.AwayFromZero)));
    }

    private static decimal Price(Page page) =>
        decimal.Parse(System.Text.RegularExpressions.Regex.Match(page.Document.QuerySelector(".product-tile-amount")!.TextContent, @"[\d,]+\.\d\d").Value.Replace(",", ""),
            System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task With_auto_approval_the_account_is_ready_as_soon_as_the_email_is_confirmed()
    {
        var confirmed = await SignUpAndConfirmAsync("northwind", "ines@adatum.test", "Adatum Corporation");

        Assert.Contains("Your account is ready", confirmed.Text);
        var request = await RequestAsync("ines@adatum.test");
        Assert.Equal((ApprovalStatus.Approved, null), (request.Status, request.DecidedByName));
        var buyer = factory.CreatePortalClient();
        Assert.Contains("Welcome back, Tess Wind", (await buyer.SignInToStorefrontAsync("northwind", "ines@adatum.test", "tailwind-traders-1")).Text);
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@northwind.test");
        var approved = ui.RenderAt<ApprovalList>("/console/approvals?tab=approved");
        var row = Assert.Single(approved.Rows(), r => r.TextContent.Contains("Adatum Corporation"));
        Assert.Contains("by automatic approval", row.TextContent);
    }

    [Fact]
    public async Task A_decline_keeps_the_request_and_emails_the_reason()
    {
        await SignUpAndConfirmAsync("sesdemo", "max@fourthcoffee.test", "Fourth Coffee");
        var request = await RequestAsync("max@fourthcoffee.test");
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        var details = ui.Render<ApprovalDetails>(p => p.Add(x => x.Id, request.Id));
        details.WaitForElement("#decline-reason");

        details.Type("decline-reason", " ");
        await details.SubmitAsync("decline-reason");
        details.WaitForAssertion(() => Assert.Equal("Say why, so the person knows what to do next.", details.ErrorFor("decline-reason")));
        details.Type("decline-reason", "We only resell to schools.");
        var declining = details.SubmitAsync("decline-reason");
        await ui.AnswerAsync("Decline");
        await declining;

        Assert.Contains("Declined. The reason has been emailed.", ui.Notices);
        details.WaitForAssertion(() => Assert.Contains("We only resell to schools.", details.Find("[data-testid=decision]").TextContent));
        var mail = await factory.LastEmailToAsync("max@fourthcoffee.test");
        Assert.Equal("Your request to SES Demo Solutions", mail!.Subject);
        Assert.Contains("We only resell to schools.", mail.TextBody);
        var declinedTab = ui.RenderAt<ApprovalList>("/console/approvals?tab=declined");
        Assert.Contains("Fourth Coffee", declinedTab.RowNames());
        Assert.False(await factory.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().AnyAsync(c => c.CompanyName == "Fourth Coffee")));
    }

    [Fact]
    public async Task Deciding_a_request_someone_else_just_decided_says_who_did_and_changes_nothing()
    {
        await SignUpAndConfirmAsync("sesdemo", "kim@litware.test", "Litware");
        var request = await RequestAsync("kim@litware.test");
        await using var first = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        await using var second = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        var stale = second.Render<ApprovalDetails>(p => p.Add(x => x.Id, request.Id));
        stale.WaitForElement("#approve-book");

        Assert.True((await first.Session.RunAsync((ApprovalQueue queue) => queue.DeclineAsync(request.Id, "Duplicate of an existing customer."))).IsDone);
        await stale.SubmitAsync("approve-book");

        stale.WaitForAssertion(() => Assert.Contains("Sofía Estrada decided this request first, so your decision wasn't saved.", stale.Find("[data-testid=decision-conflict]").TextContent));
        Assert.Contains("Declined", stale.Find("[data-testid=decision]").TextContent);
        Assert.False(await factory.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().AnyAsync(c => c.CompanyName == "Litware")));
    }

    [Fact]
    public async Task Another_resellers_request_is_not_found_and_cannot_be_decided()
    {
        var tailspin = await factory.QueryAsync(db => db.Set<ApprovalRequest>().IgnoreQueryFilters().Where(r => r.CompanyName == "Tailspin Toys").Select(r => r.Id).SingleAsync());
        await SignUpAndConfirmAsync("northwind", "theirs@northwind-customer.test", "Northwind Customer");
        var theirs = await RequestAsync("theirs@northwind-customer.test");

        var northwind = await AdminAsync("admin@northwind.test");
        var page = await northwind.GetAsync($"/console/approvals/{tailspin}");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain("Tailspin", page.Html);
        Assert.Equal(HttpStatusCode.NotFound, (await (await AdminAsync()).GetAsync($"/console/approvals/{theirs.Id}")).Status);

        await using var ses = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        var rendered = ses.Render<ApprovalDetails>(p => p.Add(x => x.Id, theirs.Id));
        rendered.WaitForAssertion(() => Assert.True(ses.NotFound));
        Assert.DoesNotContain("Northwind Customer", rendered.Markup);
        var approve = await ses.Session.RunAsync((ApprovalQueue queue) => queue.ApproveSignUpAsync(theirs.Id, new ApprovalTerms("USD", null, null, [])));
        var decline = await ses.Session.RunAsync((ApprovalQueue queue) => queue.DeclineAsync(theirs.Id, "No."));
        Assert.Equal((OutcomeStatus.NotFound, OutcomeStatus.NotFound), (approve.Status, decline.Status));
        var after = await RequestAsync("theirs@northwind-customer.test");
        Assert.Equal((ApprovalStatus.Approved, null), (after.Status, after.DeclineReason));
    }

    [Fact]
    public async Task Sign_up_settings_are_validated_and_a_closed_storefront_asks_visitors_to_write()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        var settings = ui.Render<SignUpSettingsPage>();
        settings.WaitForElement("#blocked-domains");
        settings.Type("blocked-domains", "mailinator, @@");
        await settings.TickAsync("Approve sign-ups automatically");
        await settings.ChooseAsync<SignUpSettingsPage, Guid?>("default-support", null);
        await settings.SubmitAsync("blocked-domains");
        settings.WaitForAssertion(() => Assert.Equal("Enter domains like contoso.com, separated by commas or new lines.", settings.ErrorFor("blocked-domains")));
        Assert.Equal("Auto-approval needs this default.", settings.ErrorFor("default-support"));
        Assert.Equal("mailinator, @@", settings.Find("#blocked-domains").TextContent);

        var closing = ui.Render<SignUpSettingsPage>();
        closing.WaitForElement("#blocked-domains");
        await closing.TickAsync("Companies can sign up on my storefront", on: false);
        await closing.SubmitAsync("blocked-domains");
        Assert.Contains("Sign-up settings saved.", ui.Notices);
        try
        {
            var closed = await factory.CreatePortalClient().GetAsync("/v2c/signup?accountName=sesdemo");
            Assert.Contains("SES Demo Solutions sets up accounts for new customers.", closed.Text);
            Assert.Empty(closed.Document.QuerySelectorAll("input[name=_handler][value=sign-up]"));
        }
        finally
        {
            var opening = ui.Render<SignUpSettingsPage>();
            opening.WaitForElement("#blocked-domains");
            await opening.TickAsync("Companies can sign up on my storefront");
            await opening.SubmitAsync("blocked-domains");
        }
        Assert.True(await factory.QueryAsync(db => db.Set<SignUpSettings>().IgnoreQueryFilters().Where(s => s.AllowedDomains.Count == 0).AllAsync(s => s.AllowSignUp)));
    }
}
