using System.Net;
using AngleSharp.Dom;
using IonPortal.Core.Approvals;
using IonPortal.Core.Customers;
using IonPortal.Core.Pricing;
using IonPortal.Web.Messaging;
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
        var confirmed = await SignUpAndConfirmAsync("sesdemo", "tess@tailwind.test", "Tailwind Traders");
        Assert.Contains("Thanks, your email is confirmed", confirmed.Text);
        var request = await RequestAsync("tess@tailwind.test");
        Assert.Equal(ApprovalStatus.Pending, request.Status);
        Assert.Equal("New sign-up waiting for approval: Tailwind Traders", (await factory.LastEmailToAsync("admin@sesdemo.test"))!.Subject);

        var admin = await AdminAsync();
        var queue = await admin.GetAsync("/console/approvals");
        var pending = (await factory.QueryAsync(db => db.Set<ApprovalRequest>().IgnoreQueryFilters()
            .CountAsync(r => r.ResellerId == request.ResellerId && r.Status == ApprovalStatus.Pending))).ToString();
        Assert.Contains("Tailwind Traders", queue.Text);
        Assert.Equal(pending, queue.Document.QuerySelector("[data-testid=tab-count-pending]")!.TextContent);
        Assert.Equal(pending, queue.Document.QuerySelector("#nav-pending-sidebar")!.FirstChild!.TextContent);

        var details = await admin.GetAsync($"/console/approvals/{request.Id}");
        var keyAccounts = await factory.QueryAsync(db => db.Set<PriceBook>().IgnoreQueryFilters().Where(b => b.Name == "Key accounts USD").Select(b => b.Id).SingleAsync());
        var incomplete = await admin.SubmitFormAsync(details, "approve", new Dictionary<string, string> { ["Approval.PriceBookId"] = "", ["Approval.SupportPlanId"] = "", ["Grant.microsoft"] = PortalClient.Unchecked, ["Grant.adobe"] = PortalClient.Unchecked });
        Assert.Equal("Choose one of your price books.", incomplete.ErrorFor("approve-book"));
        Assert.Equal("Choose a support plan.", incomplete.ErrorFor("approve-support"));
        Assert.Contains("Authorize at least one provider.", incomplete.Text);
        Assert.Equal(ApprovalStatus.Pending, (await RequestAsync("tess@tailwind.test")).Status);

        var approved = await admin.FollowAsync(await admin.SubmitFormAsync(details, "approve", new Dictionary<string, string> { ["Approval.PriceBookId"] = keyAccounts.ToString() }));
        Assert.Contains("Approved. The customer and its admin account are ready", approved.Text);
        Assert.Contains("Sofía Estrada", approved.Document.QuerySelector("[data-testid=decision]")!.TextContent);
        var customer = await factory.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().Include(c => c.Authorizations).SingleAsync(c => c.CompanyName == "Tailwind Traders"));
        Assert.Equal((CustomerStatus.Active, keyAccounts), (customer.Status, customer.PriceBookId));
        Assert.Equal(["adobe", "microsoft"], customer.Authorizations.Select(a => a.Provider).Order());
        Assert.Equal("Your SES Demo Solutions account is ready", (await factory.LastEmailToAsync("tess@tailwind.test"))!.Subject);

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
        decimal.Parse(System.Text.RegularExpressions.Regex.Match(page.Document.QuerySelector(".product-tile-price span")!.TextContent, @"[\d,]+\.\d\d").Value.Replace(",", ""),
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
        var queue = await (await AdminAsync("admin@northwind.test")).GetAsync("/console/approvals?tab=approved");
        Assert.Contains("Adatum Corporation", queue.Text);
        Assert.Contains("by automatic approval", queue.Text);
    }

    [Fact]
    public async Task A_decline_keeps_the_request_and_emails_the_reason()
    {
        await SignUpAndConfirmAsync("sesdemo", "max@fourthcoffee.test", "Fourth Coffee");
        var request = await RequestAsync("max@fourthcoffee.test");
        var admin = await AdminAsync();
        var details = await admin.GetAsync($"/console/approvals/{request.Id}");

        var noReason = await admin.SubmitFormAsync(details, "decline", new Dictionary<string, string> { ["Rejection.Reason"] = " " });
        Assert.Equal("Say why, so the person knows what to do next.", noReason.ErrorFor("decline-reason"));
        var declined = await admin.FollowAsync(await admin.SubmitFormAsync(details, "decline", new Dictionary<string, string> { ["Rejection.Reason"] = "We only resell to schools." }));

        Assert.Contains("Declined. The reason has been emailed.", declined.Text);
        Assert.Contains("We only resell to schools.", declined.Text);
        var mail = await factory.LastEmailToAsync("max@fourthcoffee.test");
        Assert.Equal("Your request to SES Demo Solutions", mail!.Subject);
        Assert.Contains("We only resell to schools.", mail.TextBody);
        Assert.Contains("Fourth Coffee", (await admin.GetAsync("/console/approvals?tab=declined")).Text);
        Assert.False(await factory.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().AnyAsync(c => c.CompanyName == "Fourth Coffee")));
    }

    [Fact]
    public async Task Deciding_a_request_someone_else_just_decided_says_who_did_and_changes_nothing()
    {
        await SignUpAndConfirmAsync("sesdemo", "kim@litware.test", "Litware");
        var request = await RequestAsync("kim@litware.test");
        var first = await AdminAsync();
        var second = await AdminAsync();
        var stale = await second.GetAsync($"/console/approvals/{request.Id}");

        await first.FollowAsync(await first.SubmitFormAsync(await first.GetAsync($"/console/approvals/{request.Id}"), "decline",
            new Dictionary<string, string> { ["Rejection.Reason"] = "Duplicate of an existing customer." }));
        var late = await second.SubmitFormAsync(stale, "approve", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, late.Status);
        Assert.Contains("Sofía Estrada decided this request first, so your decision wasn't saved.", late.Document.QuerySelector("[data-testid=decision-conflict]")!.TextContent);
        Assert.Contains("Declined", late.Document.QuerySelector("[data-testid=decision]")!.TextContent);
        Assert.False(await factory.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().AnyAsync(c => c.CompanyName == "Litware")));
    }

    [Fact]
    public async Task Deciding_with_htmx_answers_the_page_whose_decision_panel_it_swaps_in()
    {
        await SignUpAndConfirmAsync("sesdemo", "rae@proseware.test", "Proseware");
        var request = await RequestAsync("rae@proseware.test");
        var admin = await AdminAsync();
        var details = await admin.GetAsync($"/console/approvals/{request.Id}");
        var form = details.Document.QuerySelectorAll("form").Single(f => f.QuerySelector("input[name=_handler]")?.GetAttribute("value") == "decline");
        Assert.Equal($"/console/approvals/{request.Id}", form.GetAttribute("hx-post"));
        Assert.Equal("#decision-panel", form.GetAttribute("hx-select"));

        admin.Http.DefaultRequestHeaders.Add("HX-Request", "true");
        var answer = await admin.FollowAsync(await admin.SubmitFormAsync(details, "decline", new Dictionary<string, string> { ["Rejection.Reason"] = "Not in our region." }));

        Assert.Contains("Not in our region.", answer.Document.QuerySelector("#decision-panel")!.TextContent);
        Assert.NotNull(answer.Document.QuerySelector("#nav-pending-sidebar"));
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

        // sesdemo's forms, posted at northwind's request.
        var ses = await AdminAsync();
        var own = await ses.GetAsync($"/console/approvals/{tailspin}");
        Assert.Equal(HttpStatusCode.NotFound, (await ses.GetAsync($"/console/approvals/{theirs.Id}")).Status);
        foreach (var (name, fields) in new[] { ("approve", new Dictionary<string, string>()), ("decline", new Dictionary<string, string> { ["Rejection.Reason"] = "No." }) })
        {
            var form = own.Document.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlFormElement>("form").Single(f => f.QuerySelector("input[name=_handler]")?.GetAttribute("value") == name);
            form.SetAttribute("action", $"/console/approvals/{theirs.Id}");
            Assert.Equal(HttpStatusCode.NotFound, (await ses.SubmitAsync(own, form, fields)).Status);
        }
        var after = await RequestAsync("theirs@northwind-customer.test");
        Assert.Equal((ApprovalStatus.Approved, null), (after.Status, after.DeclineReason));
    }

    [Fact]
    public async Task Sign_up_settings_are_validated_and_a_closed_storefront_asks_visitors_to_write()
    {
        var admin = await AdminAsync();
        var settings = await admin.GetAsync("/console/storefront/sign-up");

        var bad = await admin.SubmitFormAsync(settings, "sign-up-settings", new Dictionary<string, string> { ["Input.BlockedDomains"] = "mailinator, @@", ["Input.AutoApprove"] = "true", ["Input.DefaultSupportPlanId"] = "" });
        Assert.Equal("Enter domains like contoso.com, separated by commas or new lines.", bad.ErrorFor("blocked-domains"));
        Assert.Equal("Auto-approval needs this default.", bad.ErrorFor("default-support"));
        Assert.Equal("mailinator, @@", bad.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#blocked-domains")!.Value);

        var saved = await admin.FollowAsync(await admin.SubmitFormAsync(settings, "sign-up-settings", new Dictionary<string, string> { ["Input.AllowSignUp"] = PortalClient.Unchecked }));
        Assert.Contains("Sign-up settings saved.", saved.Text);
        try
        {
            var closed = await factory.CreatePortalClient().GetAsync("/v2c/signup?accountName=sesdemo");
            Assert.Contains("SES Demo Solutions sets up accounts for new customers.", closed.Text);
            Assert.Empty(closed.Document.QuerySelectorAll("input[name=_handler][value=sign-up]"));
        }
        finally
        {
            await admin.SubmitFormAsync(await admin.GetAsync("/console/storefront/sign-up"), "sign-up-settings", new Dictionary<string, string> { ["Input.AllowSignUp"] = "true" });
        }
        Assert.True(await factory.QueryAsync(db => db.Set<SignUpSettings>().IgnoreQueryFilters().Where(s => s.AllowedDomains.Count == 0).AllAsync(s => s.AllowSignUp)));
    }
}
