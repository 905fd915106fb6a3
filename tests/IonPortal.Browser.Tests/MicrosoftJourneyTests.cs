using IonPortal.Core.Customers;
using IonPortal.Web.ProviderSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IonPortal.Browser.Tests;

/// <summary>
/// A reseller connects its customers to Microsoft in the console, against the provider sandbox:
/// a new identity (a taken prefix, a 500 explained, a 429 retried), and an existing tenant whose
/// global admin accepts the invitation before the reseller links it.
/// </summary>
public class MicrosoftJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>, IDisposable
{
    private SandboxFaults Faults => app.Services.GetRequiredService<SandboxFaults>();

    public void Dispose()
    {
        Faults.TooManyRequests(0);
        Faults.ServerErrors(0);
    }

    private Task<Guid> CustomerIdAsync(string company) =>
        app.QueryAsync(db => db.Set<Customer>().IgnoreQueryFilters().Where(c => c.CompanyName == company).Select(c => c.Id).SingleAsync());

    private async Task<Guid> AddCustomerAsync(string company, string country, string state, string postal)
    {
        var ses = await app.QueryAsync(db => db.Set<IonPortal.Core.Resellers.Reseller>().SingleAsync(r => r.Nickname == "sesdemo"));
        await using var scope = app.Services.CreateAsyncScope();
        new IonPortal.Core.WorkContext(IonPortal.Core.Accounts.Actor.System("test"), ses.Id, ses.Nickname).Enter(scope.ServiceProvider);
        var db = scope.ServiceProvider.GetRequiredService<IonPortal.Core.Data.PortalDbContext>();
        var customer = new Customer
        {
            Id = Guid.CreateVersion7(), ResellerId = ses.Id, CompanyName = company, ContactFirstName = "Mia", ContactLastName = "Chen",
            ContactEmail = $"mia@{company.Replace(" ", "").ToLowerInvariant()}.test", ContactPhone = "+1 604 555 0142", Status = CustomerStatus.Active,
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        customer.Address = new PostalAddress("88 Water Street", "Vancouver", state, postal, country);
        db.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    [Fact]
    public async Task A_reseller_creates_a_new_identity_past_a_taken_prefix_a_500_and_a_429_and_sees_the_password_once()
    {
        var customer = await AddCustomerAsync("Wingtip Toys", "CA", "BC", "V6B 1B8");
        var page = await app.NewPageAsync();
        await BrowserFixture.SignInToConsoleAsync(page, "admin@sesdemo.test");
        await page.GotoAsync($"/console/customers/{customer}");
        await BrowserFixture.InteractiveAsync(page);
        await Expect(page.Locator("[data-testid=agreement-status]")).ToHaveTextAsync("Required");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create a new identity" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create a Microsoft identity for Wingtip Toys" })).ToBeVisibleAsync();
        await BrowserFixture.InteractiveAsync(page);

        // The company and contact come from the customer; the prefix is checked as the reseller types.
        await Expect(page.GetByLabel("Company name")).ToHaveValueAsync("Wingtip Toys");
        await Expect(page.GetByLabel("Signer's email")).ToHaveValueAsync("mia@wingtiptoys.test");
        var prefix = page.GetByLabel("Domain prefix");
        await prefix.FillAsync("contosodemo");   // the demo's tenant has it
        await Expect(BrowserFixture.MessageFor(page, "identity-prefix")).ToHaveTextAsync("This domain is taken. Try another prefix.");
        await prefix.FillAsync("wingtiptoys");
        await Expect(page.Locator("[data-testid=prefix-check]")).ToHaveTextAsync("wingtiptoys.onmicrosoft.com is available.");
        await page.GetByLabel("Date accepted").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd"));
        await page.GetByLabel("I confirm that the customer accepted the Microsoft Customer Agreement, signed by the person above.").CheckAsync();
        await BrowserFixture.ScreenshotAsync(page, "console-new-identity");
        await BrowserFixture.ExpectAccessibleAsync(page, "new Microsoft identity");

        // Microsoft fails for good: said in words, nothing created, the form kept.
        Faults.ServerErrors(20);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the tenant" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Microsoft's service failed" })).ToBeVisibleAsync();
        await Expect(prefix).ToHaveValueAsync("wingtiptoys");
        Faults.ServerErrors(0);

        // Microsoft asks to slow down once: retried after its Retry-After, unseen.
        Faults.RetryAfterSeconds = 1;
        Faults.TooManyRequests(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the tenant" }).ClickAsync();
        var created = page.Locator("[data-testid=identity-created]");
        await Expect(created).ToContainTextAsync("The tenant wingtiptoys.onmicrosoft.com is ready and linked to Wingtip Toys.");
        await Expect(page.GetByLabel("User name")).ToHaveValueAsync("admin@wingtiptoys.onmicrosoft.com");
        var password = await page.GetByLabel("One-time password").InputValueAsync();
        Assert.StartsWith("Sb!", password);
        await BrowserFixture.ScreenshotAsync(page, "console-identity-created");
        await BrowserFixture.ExpectAccessibleAsync(page, "identity created");

        // Back on the customer: linked and the agreement accepted; the password is gone for good.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to Wingtip Toys" }).ClickAsync();
        await Expect(page.Locator("[data-testid=tenant]")).ToContainTextAsync("wingtiptoys.onmicrosoft.com");
        await Expect(page.Locator("[data-testid=agreement-status]")).ToHaveTextAsync("Accepted");
        Assert.DoesNotContain(password, await page.ContentAsync());
        await BrowserFixture.ScreenshotAsync(page, "console-customer-microsoft");
    }

    [Fact]
    public async Task A_reseller_invites_an_existing_tenant_its_admin_accepts_and_the_reseller_links_it_and_records_the_agreement()
    {
        var customer = await AddCustomerAsync("Litware", "US", "WA", "98052");
        var page = await app.NewPageAsync();
        await BrowserFixture.SignInToConsoleAsync(page, "admin@sesdemo.test");
        await page.GotoAsync($"/console/customers/{customer}/microsoft/link");
        await BrowserFixture.InteractiveAsync(page);

        // The invitation in the US region's words, sent by the portal.
        await Expect(page.GetByLabel("Invitation text")).ToContainTextAsync("Partner Center for the United States");
        await page.GetByLabel("Global admin's email").FillAsync("it@litware.test");
        await BrowserFixture.ScreenshotAsync(page, "console-link-tenant");
        await BrowserFixture.ExpectAccessibleAsync(page, "link a tenant");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        await BrowserFixture.ExpectNoticeAsync(page, "Invitation sent to it@litware.test.");
        await Expect(page.Locator("[data-testid=invitation-state]")).ToContainTextAsync("waiting for the customer to accept");

        // Too early: Microsoft doesn't list the tenant yet.
        await page.GetByLabel("Tenant ID or domain").FillAsync("litware.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Link the tenant" }).ClickAsync();
        await Expect(BrowserFixture.MessageFor(page, "link-tenant")).ToContainTextAsync("may not have accepted the invitation yet");

        // The customer's global admin follows the emailed link and accepts.
        var mail = await app.LastEmailToAsync("it@litware.test");
        var link = Assert.Single(IonPortal.Web.Messaging.MailLinks.In(mail!.HtmlBody), l => l.Contains("/relationship", StringComparison.Ordinal));
        var customerAdmin = await app.NewPageAsync();
        await customerAdmin.GotoAsync(link);
        await customerAdmin.GetByLabel("Organization name").FillAsync("Litware");
        await customerAdmin.GetByLabel("A domain of your organization").FillAsync("litware.com");
        await customerAdmin.GetByRole(AriaRole.Button, new() { Name = "Accept and authorize" }).ClickAsync();
        await Expect(customerAdmin.GetByRole(AriaRole.Status)).ToContainTextAsync("Accepted");

        // Now the tenant links.
        await page.GetByRole(AriaRole.Button, new() { Name = "Link the tenant" }).ClickAsync();
        await BrowserFixture.ExpectNoticeAsync(page, "Tenant linked.");
        await Expect(page.Locator("[data-testid=tenant]")).ToContainTextAsync("litware.com");
        await Expect(page.Locator("[data-testid=agreement-status]")).ToHaveTextAsync("Required");

        // The reseller records the agreement the customer accepted.
        await page.GetByRole(AriaRole.Link, new() { Name = "Record the acceptance" }).ClickAsync();
        await BrowserFixture.InteractiveAsync(page);
        await page.GetByLabel("Date accepted").FillAsync(DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd"));
        await page.GetByLabel("I confirm that the customer accepted the Microsoft Customer Agreement, signed by the person above.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the acceptance" }).ClickAsync();
        await Expect(BrowserFixture.MessageFor(page, "attest-date")).ToHaveTextAsync("The day of acceptance can't be in the future.");
        await page.GetByLabel("Date accepted").FillAsync(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"));
        await BrowserFixture.ScreenshotAsync(page, "console-agreement");
        await BrowserFixture.ExpectAccessibleAsync(page, "agreement");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the acceptance" }).ClickAsync();
        await BrowserFixture.ExpectNoticeAsync(page, "Acceptance recorded and confirmed to Microsoft.");
        await Expect(page.Locator("[data-testid=agreement-status]")).ToHaveTextAsync("Accepted");
        await Expect(page.Locator("#microsoft-heading")).ToBeVisibleAsync();
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, "console-customer-microsoft-phone");
    }
}
