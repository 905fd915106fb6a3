using IonPortal.Core.Validation;
using IonPortal.Core.Accounts;
using IonPortal.Core.Approvals;
using IonPortal.Core.Auditing;
using IonPortal.Core.Customers;
using IonPortal.Core.Paging;
using IonPortal.Core.Pricing;
using IonPortal.Core.Resellers;
using IonPortal.Core.SupportPlans;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IonPortal.Core.Tests;

public class ApprovalQueueTests : IAsyncLifetime
{
    // The domain's clock: it moves on a millisecond per reading, and a test moves it by days.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
    private DomainHarness _harness = default!;
    private Reseller _ses = default!;
    private Reseller _north = default!;
    private PortalUser _ana = default!;
    private PortalUser _bo = default!;
    private Guid _usdBook;
    private Guid _cadBook;
    private Guid _supportPlan;

    public async Task InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync("approvals", _clock);
        _ses = await _harness.AddResellerAsync("ses");
        _north = await _harness.AddResellerAsync("north");
        _ana = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Admin, "ana@ses.test");
        _bo = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Owner, "bo@ses.test");
        await _harness.AddStaffAsync(_ses.Id, PortalRoles.Sales, "sales@ses.test");
        await using var scope = _harness.Scope(_ses.Id, _ana);
        var books = scope.ServiceProvider.GetRequiredService<PriceBooks>();
        _usdBook = (await books.CreateAsync("Web USD", PriceBasis.Cost, "USD", 15m)).Value!.Id;
        _cadBook = (await books.CreateAsync("Web CAD", PriceBasis.Cost, "CAD", 20m)).Value!.Id;
        _supportPlan = (await scope.ServiceProvider.GetRequiredService<SupportPlans.SupportPlanOffers>()
            .CreateAsync(new SupportPlanDraft("Standard", null, 10m, null, null))).Value!.Id;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static SignUpForm Form(string email = "lee@tailspin.com", string company = "Tailspin Toys", string postal = "98052", bool acceptTerms = true, string? password = "tailspin-toys-1") =>
        new(company, new ContactDetails("Lee", "Park", email, null, "IT lead"), new PostalAddress("1 Way", "Redmond", "WA", postal, "US"), "es", password, acceptTerms);

    private ApprovalTerms Terms(params string[] providers) =>
        new("USD", _usdBook, _supportPlan, providers.Select(p => new ProviderGrant(p, null, true)).ToList());

    private async Task SettingsAsync(bool confirm = true, bool autoApprove = false, string? allowed = null, string? blocked = null, string? terms = "Be nice.", bool requireAddress = true)
    {
        await using var scope = _harness.Scope(_ses.Id, _ana);
        var saved = await scope.ServiceProvider.GetRequiredService<SignUpSetup>().SaveAsync(new SignUpSettingsDraft(
            true, confirm, requireAddress, terms, autoApprove, allowed, blocked, _usdBook, _supportPlan, ["microsoft", "adobe"], true));
        Assert.True(saved.IsDone);
    }

    private async Task<T> AsAsync<T>(PortalUser? actor, Func<ApprovalQueue, Task<T>> work, Guid? reseller = null)
    {
        await using var scope = _harness.Scope(reseller ?? _ses.Id, actor);
        return await work(scope.ServiceProvider.GetRequiredService<ApprovalQueue>());
    }

    /// <summary>A visitor of the storefront of "ses".</summary>
    private async Task<T> VisitorAsync<T>(Func<SignUps, Task<T>> work)
    {
        await using var scope = _harness.Scope(_ses.Id, (PortalUser?)null);
        return await work(scope.ServiceProvider.GetRequiredService<SignUps>());
    }

    /// <summary>Someone at one of the customers of "ses" (or anyone else, who then finds nothing).</summary>
    private async Task<T> AsCustomerAsync<T>(PortalUser actor, Func<AccessRequests, Task<T>> work)
    {
        await using var scope = _harness.Scope(_ses.Id, actor);
        return await work(scope.ServiceProvider.GetRequiredService<AccessRequests>());
    }

    /// <summary>A sign-up that made it into the queue (no confirmation asked).</summary>
    private async Task<Guid> PendingSignUpAsync(string email)
    {
        var signedUp = await VisitorAsync(s => s.SignUpAsync(Form(email)));
        Assert.True(signedUp.IsDone);
        Assert.Equal(ApprovalStatus.Pending, signedUp.Value!.Status);
        return signedUp.Value.Id;
    }

    [Fact]
    public async Task A_storefront_takes_no_sign_ups_until_the_reseller_allows_them()
    {
        var result = await VisitorAsync(s => s.SignUpAsync(Form()));

        Assert.Equal(Problems.SignUpClosed, result.Errors[""]);
        Assert.Equal(new QueueCounts(0, 0, 0), await AsAsync(_ana, q => q.CountsAsync()));
    }

    [Fact]
    public async Task A_sign_up_waits_for_its_emailed_confirmation_then_joins_the_queue_and_admins_hear_of_it()
    {
        await SettingsAsync(confirm: true);

        var signedUp = await VisitorAsync(s => s.SignUpAsync(Form()));

        Assert.Equal(ApprovalStatus.AwaitingConfirmation, signedUp.Value!.Status);
        Assert.Equal(new QueueCounts(0, 0, 0), await AsAsync(_ana, q => q.CountsAsync()));
        Assert.Null(await AsAsync(_ana, q => q.FindAsync(signedUp.Value.Id)));
        var confirmation = Assert.Single(_harness.ApprovalMail.Sent, m => m.Kind == "confirm");
        Assert.Equal("lee@tailspin.com", confirmation.Request.ContactEmail);

        Assert.Null(await VisitorAsync(s => s.ConfirmAsync(signedUp.Value.Id, "not-the-token")));
        Assert.Null(await VisitorAsync(s => s.ConfirmAsync(signedUp.Value.Id, null)));
        var confirmed = await VisitorAsync(s => s.ConfirmAsync(signedUp.Value.Id, confirmation.Detail));
        var again = await VisitorAsync(s => s.ConfirmAsync(signedUp.Value.Id, confirmation.Detail));

        Assert.Equal(ApprovalStatus.Pending, confirmed!.Status);
        Assert.Equal(ApprovalStatus.Pending, again!.Status);
        Assert.Equal(1, await AsAsync(_ana, q => q.PendingCountAsync()));
        var told = Assert.Single(_harness.ApprovalMail.Sent, m => m.Kind == "new-request");
        Assert.Equal(["ana@ses.test", "bo@ses.test"], told.Detail.Split(',').Order());
    }

    [Fact]
    public async Task A_confirmation_link_works_for_seven_days_and_not_after()
    {
        await SettingsAsync(confirm: true);
        var early = (await VisitorAsync(s => s.SignUpAsync(Form("early@tailspin.com")))).Value!;
        var late = (await VisitorAsync(s => s.SignUpAsync(Form("late@tailspin.com")))).Value!;
        var links = _harness.ApprovalMail.Sent.Where(m => m.Kind == "confirm").ToDictionary(m => m.Request.ContactEmail, m => m.Detail);

        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        var inTime = await VisitorAsync(s => s.ConfirmAsync(early.Id, links["early@tailspin.com"]));
        _clock.Advance(TimeSpan.FromMinutes(2));
        var tooLate = await VisitorAsync(s => s.ConfirmAsync(late.Id, links["late@tailspin.com"]));

        Assert.Equal(ApprovalStatus.Pending, inTime!.Status);
        Assert.Null(tooLate);
        Assert.Equal(1, await AsAsync(_ana, q => q.PendingCountAsync()));
    }

    [Fact]
    public async Task Bad_sign_ups_are_refused_per_field_and_nothing_is_saved()
    {
        await SettingsAsync(confirm: false, blocked: "spam.example", allowed: null);
        var existing = await _harness.AddCustomerAsync(_ses.Id, "Contoso");
        await _harness.AddUserAsync(PortalUser.CustomerPerson(_ses.Id, existing.Id, PortalRoles.CustomerAdmin, "buyer@contoso.com", "Buyer", DateTimeOffset.UtcNow));
        await PendingSignUpAsync("waiting@tailspin.com");

        var missing = await VisitorAsync(s => s.SignUpAsync(new SignUpForm("", new ContactDetails("", "", "", null, null), new PostalAddress("", "", null, "", ""), "en", "short", false)));
        var wrongPostal = await VisitorAsync(s => s.SignUpAsync(Form(postal: "ABC")));
        var blocked = await VisitorAsync(s => s.SignUpAsync(Form("x@mail.SPAM.example")));
        var existingAccount = await VisitorAsync(s => s.SignUpAsync(Form("BUYER@contoso.com")));
        var waiting = await VisitorAsync(s => s.SignUpAsync(Form("waiting@tailspin.com")));

        Assert.Equal(Problems.CompanyRequired, missing.Errors["CompanyName"]);
        Assert.Equal(Problems.FirstNameRequired, missing.Errors["FirstName"]);
        Assert.Equal(Problems.EmailInvalid, missing.Errors["Email"]);
        Assert.Equal(Problems.CountryRequired, missing.Errors["Country"]);
        Assert.Equal(Problems.TooShort(PasswordPolicy.MinimumLength), missing.Errors["Password"]);
        Assert.Equal(Problems.AcceptTermsRequired, missing.Errors["AcceptTerms"]);
        Assert.Equal(Problems.PostalCodeInvalid, wrongPostal.Errors["PostalCode"]);
        Assert.Equal(Problems.DomainNotAccepted, blocked.Errors["Email"]);
        Assert.Equal(Problems.AccountExists, existingAccount.Errors["Email"]);
        Assert.Equal(Problems.AlreadyWaiting, waiting.Errors["Email"]);
        Assert.Equal(new QueueCounts(1, 0, 0), await AsAsync(_ana, q => q.CountsAsync()));
    }

    [Theory]
    [InlineData("", "", "anyone@anywhere.org", true)]
    [InlineData("contoso.com", "", "lee@contoso.com", true)]
    [InlineData("contoso.com", "", "lee@EU.Contoso.com", true)]
    [InlineData("contoso.com", "", "lee@notcontoso.com", false)]
    [InlineData("contoso.com", "", "lee@contoso.com.evil.io", false)]
    [InlineData("", "gmail.com, @hotmail.com", "lee@hotmail.com", false)]
    [InlineData("", "gmail.com", "lee@fabrikam.com", true)]
    [InlineData("contoso.com", "contoso.com", "lee@contoso.com", false)]
    [InlineData("contoso.com", "old.contoso.com", "lee@old.contoso.com", false)]
    public void Email_domains_are_matched_against_the_lists_with_the_block_list_winning(string allowed, string blocked, string email, bool accepted)
    {
        var settings = new SignUpSettings { AllowedDomains = SignUpSetup.ParseDomains(allowed)!, BlockedDomains = SignUpSetup.ParseDomains(blocked)! };

        Assert.Equal(accepted, settings.AcceptsEmail(email));
    }

    [Theory]
    [InlineData("contoso.com\nfabrikam.co.uk", true)]
    [InlineData("@contoso.com; Fabrikam.COM", true)]
    [InlineData("contoso", false)]
    [InlineData("contoso.com, not a domain!", false)]
    [InlineData("-bad.com", false)]
    public void Domain_lists_accept_only_domains(string text, bool valid) =>
        Assert.Equal(valid, SignUpSetup.ParseDomains(text) is not null);

    [Fact]
    public async Task Auto_approval_needs_its_defaults()
    {
        await using var scope = _harness.Scope(_ses.Id, _ana);
        var result = await scope.ServiceProvider.GetRequiredService<SignUpSetup>().SaveAsync(
            new SignUpSettingsDraft(true, false, true, null, true, "contoso", null, null, null, [], true));

        Assert.Equal(Problems.DomainsInvalid, result.Errors["AllowedDomains"]);
        Assert.Equal(Problems.DefaultsRequired, result.Errors["DefaultPriceBookId"]);
        Assert.Equal(Problems.DefaultsRequired, result.Errors["DefaultSupportPlanId"]);
        Assert.Equal(Problems.ProvidersRequired, result.Errors["DefaultProviders"]);
        Assert.False((await scope.ServiceProvider.GetRequiredService<SignUpSetup>().SettingsAsync()).AllowSignUp);
    }

    [Fact]
    public async Task Approving_needs_a_price_book_in_the_currency_a_support_plan_and_a_provider()
    {
        await SettingsAsync(confirm: false);
        var id = await PendingSignUpAsync("lee@tailspin.com");

        var nothing = await AsAsync(_ana, q => q.ApproveSignUpAsync(id, new ApprovalTerms(null, null, null, [])));
        var wrongCurrency = await AsAsync(_ana, q => q.ApproveSignUpAsync(id, new ApprovalTerms("USD", _cadBook, _supportPlan, [new ProviderGrant("microsoft", null, true)])));
        var otherProviderBook = await AsAsync(_ana, q => q.ApproveSignUpAsync(id, new ApprovalTerms("USD", _usdBook, _supportPlan, [new ProviderGrant("adobe", _cadBook, true)])));

        Assert.Equal(Problems.CurrencyUnsupported, nothing.Errors["Currency"]);
        Assert.Equal(Problems.BookMissing, nothing.Errors["PriceBookId"]);
        Assert.Equal(Problems.SupportPlanRequired, nothing.Errors["SupportPlanId"]);
        Assert.Equal(Problems.ProvidersRequired, nothing.Errors["Providers"]);
        Assert.Equal(Problems.BookInOtherCurrency, wrongCurrency.Errors["PriceBookId"]);
        Assert.Equal(Problems.BookInOtherCurrency, otherProviderBook.Errors["Providers.adobe"]);
        Assert.Equal(ApprovalStatus.Pending, (await AsAsync(_ana, q => q.FindAsync(id)))!.Status);
        Assert.Equal(0, (await AsAsync(_ana, async _ => (await CustomersOfSesAsync()).TotalCount)));
    }

    [Fact]
    public async Task Approving_a_sign_up_creates_the_active_customer_its_providers_and_its_admin_with_the_chosen_password()
    {
        await SettingsAsync(confirm: false);
        var id = await PendingSignUpAsync("lee@tailspin.com");

        var decision = await AsAsync(_ana, q => q.ApproveSignUpAsync(id, new ApprovalTerms("USD", _usdBook, _supportPlan,
            [new ProviderGrant("microsoft", null, true), new ProviderGrant("adobe", _usdBook, false)])));

        Assert.Equal(OutcomeStatus.Done, decision.Status);
        Assert.Equal(ApprovalStatus.Approved, decision.Value.Status);
        Assert.Equal("ana@ses.test", decision.Value.DecidedByName);
        await using var scope = _harness.Scope(_ses.Id, _ana);
        var customer = (await scope.ServiceProvider.GetRequiredService<Customers.CustomerRecords>().FindAsync(decision.Value.CustomerId!.Value))!;
        Assert.Equal(("Tailspin Toys", CustomerStatus.Active, "USD", _usdBook, _supportPlan, "es"),
            (customer.CompanyName, customer.Status, customer.Currency, customer.PriceBookId, customer.SupportPlanId, customer.PreferredLanguage));
        Assert.Equal("98052", customer.PostalCode);
        Assert.Equal([("adobe", false), ("microsoft", true)], customer.Authorizations.Select(a => (a.Provider, a.EnabledInPortal)));

        var admin = await scope.ServiceProvider.GetRequiredService<AccountDirectory>().FindAsync(SignInRealm.Storefront(_ses.Id), "lee@tailspin.com");
        Assert.Equal(PortalRoles.CustomerAdmin, admin!.Role);
        Assert.True(await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().CheckPasswordAsync(admin, "tailspin-toys-1"));
        Assert.Single(_harness.ApprovalMail.Sent, m => m.Kind == "approved" && m.Request.ContactEmail == "lee@tailspin.com");
        var history = await scope.ServiceProvider.GetRequiredService<AuditTrail>().HistoryAsync(AuditActions.Approval.Type, id, new PageRequest());
        Assert.Contains(history.Items, e => e.Action == "approval.approved" && e.ActorName == "ana@ses.test");
    }

    [Fact]
    public async Task Declining_needs_a_reason_which_is_emailed_and_kept_and_a_decided_request_cannot_be_decided_again()
    {
        await SettingsAsync(confirm: false);
        var id = await PendingSignUpAsync("lee@tailspin.com");

        var noReason = await AsAsync(_ana, q => q.DeclineAsync(id, "  "));
        var declined = await AsAsync(_ana, q => q.DeclineAsync(id, "We only serve schools."));
        var lateApproval = await AsAsync(_bo, q => q.ApproveSignUpAsync(id, Terms("microsoft")));

        Assert.Equal(Problems.ReasonRequired, noReason.Errors["Reason"]);
        Assert.Equal(OutcomeStatus.Done, declined.Status);
        Assert.Equal(OutcomeStatus.Conflict, lateApproval.Status);
        Assert.Equal(Problems.DecidedMeanwhile, lateApproval.Problem);
        var request = (await AsAsync(_bo, q => q.FindAsync(id)))!;
        Assert.Equal((ApprovalStatus.Declined, "ana@ses.test", "We only serve schools."),
            (request.Status, request.DecidedByName, request.DeclineReason));
        Assert.Equal("We only serve schools.", Assert.Single(_harness.ApprovalMail.Sent, m => m.Kind == "declined").Detail);
        Assert.Equal(new QueueCounts(0, 0, 1), await AsAsync(_ana, q => q.CountsAsync()));
        Assert.Equal(0, (await CustomersOfSesAsync()).TotalCount);
    }

    [Fact]
    public async Task Of_two_admins_deciding_at_once_exactly_one_wins_and_the_other_learns_who()
    {
        await SettingsAsync(confirm: false);
        for (var round = 0; round < 6; round++)
        {
            var id = await PendingSignUpAsync($"lee{round}@tailspin.com");

            var decisions = await Task.WhenAll(
                Task.Run(() => AsAsync(_ana, q => q.ApproveSignUpAsync(id, Terms("microsoft")))),
                Task.Run(() => AsAsync(_bo, q => q.DeclineAsync(id, "Duplicate of an existing customer."))));

            var winner = Assert.Single(decisions, d => d.Status == OutcomeStatus.Done);
            Assert.Single(decisions, d => d.Status == OutcomeStatus.Conflict);
            // The loser reads who won from the request itself.
            var decided = (await AsAsync(_bo, q => q.FindAsync(id)))!;
            Assert.Equal((winner.Value.DecidedByName, winner.Value.Status), (decided.DecidedByName, decided.Status));
        }
        var counts = await AsAsync(_ana, q => q.CountsAsync());
        Assert.Equal(6, counts.Approved + counts.Declined);
        Assert.Equal(counts.Approved, (await CustomersOfSesAsync()).TotalCount);
    }

    [Fact]
    public async Task Auto_approval_creates_the_customer_at_once_with_the_resellers_defaults()
    {
        await SettingsAsync(confirm: true, autoApprove: true);
        var signedUp = await VisitorAsync(s => s.SignUpAsync(Form()));
        var token = _harness.ApprovalMail.Sent.Single(m => m.Kind == "confirm").Detail;

        var confirmed = await VisitorAsync(s => s.ConfirmAsync(signedUp.Value!.Id, token));

        Assert.Equal(ApprovalStatus.Approved, confirmed!.Status);
        Assert.Null(confirmed.DecidedByUserId);
        var customers = await CustomersOfSesAsync();
        Assert.Equal(("Tailspin Toys", CustomerStatus.Active), (customers.Items[0].CompanyName, customers.Items[0].Status));
        await using var scope = _harness.Scope(_ses.Id, _ana);
        var customer = (await scope.ServiceProvider.GetRequiredService<Customers.CustomerRecords>().FindAsync(customers.Items[0].Id))!;
        Assert.Equal((_usdBook, _supportPlan), (customer.PriceBookId, customer.SupportPlanId));
        Assert.Equal(["adobe", "microsoft"], customer.Authorizations.Select(a => a.Provider));
        Assert.Contains(_harness.ApprovalMail.Sent, m => m.Kind == "approved");
        Assert.DoesNotContain(_harness.ApprovalMail.Sent, m => m.Kind == "new-request");
    }

    [Fact]
    public async Task Approving_goes_through_the_customers_rules_so_their_history_says_where_they_came_from()
    {
        // This reseller lets companies sign up without an address: the customer starts without one.
        await SettingsAsync(confirm: false, requireAddress: false);
        var signedUp = await VisitorAsync(s => s.SignUpAsync(Form("nell@tailspin.com") with { Address = new PostalAddress("", "", null, "", null) }));
        Assert.True(signedUp.IsDone, signedUp.ToString());

        var decision = await AsAsync(_ana, q => q.ApproveSignUpAsync(signedUp.Value!.Id, Terms("microsoft")));

        Assert.Equal(OutcomeStatus.Done, decision.Status);
        await using var scope = _harness.Scope(_ses.Id, _ana);
        var customerId = decision.Value.CustomerId!.Value;
        var customer = (await scope.ServiceProvider.GetRequiredService<Customers.CustomerRecords>().FindAsync(customerId))!;
        Assert.True(customer.Address.IsBlank);
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        var history = (await audit.HistoryAsync(AuditActions.Customer.Type, customerId, new PageRequest())).Items;
        Assert.Equal([AuditActions.Customer.ProviderAuthorized, AuditActions.Customer.Created], history.Select(e => e.Action));
        Assert.All(history, e => Assert.Equal("ana@ses.test", e.ActorName));
        Assert.Equal(signedUp.Value.Id.ToString(), AuditTrail.Fields(history[1].After)["fromRequest"]);
        var admin = await scope.ServiceProvider.GetRequiredService<AccountDirectory>().FindAsync(SignInRealm.Storefront(_ses.Id), "nell@tailspin.com");
        var adminHistory = (await audit.HistoryAsync(AuditActions.CustomerPerson.Type, admin!.Id, new PageRequest())).Items;
        Assert.Equal(AuditActions.CustomerPerson.Created, Assert.Single(adminHistory).Action);
    }

    [Fact]
    public async Task Approving_a_request_for_a_provider_authorized_meanwhile_keeps_what_it_replaced()
    {
        await SettingsAsync(confirm: false);
        var customer = await _harness.AddCustomerAsync(_ses.Id, "Contoso");
        var buyer = await _harness.AddUserAsync(PortalUser.CustomerPerson(_ses.Id, customer.Id, PortalRoles.CustomerUser, "buyer@contoso.com", "Buyer", DateTimeOffset.UtcNow));
        var requested = await AsCustomerAsync(buyer, r => r.RequestProviderAsync(customer.Id, "google", null));
        await using (var byHand = _harness.Scope(_ses.Id, _ana))
            Assert.True((await byHand.ServiceProvider.GetRequiredService<Customers.CustomerRecords>().AuthorizeAsync(customer.Id, "google", _usdBook, "USD", false)).IsDone);

        var approved = await AsAsync(_ana, q => q.ApproveAccountRequestAsync(requested.Value!.Id, "CAD", _cadBook, true));

        Assert.Equal(OutcomeStatus.Done, approved.Status);
        await using var scope = _harness.Scope(_ses.Id, _ana);
        var latest = (await scope.ServiceProvider.GetRequiredService<AuditTrail>().HistoryAsync(AuditActions.Customer.Type, customer.Id, new PageRequest())).Items[0];
        Assert.Equal(AuditActions.Customer.ProviderAuthorized, latest.Action);
        Assert.Equal(("Web USD", "Web CAD"), (AuditTrail.Fields(latest.Before)["priceBook"], AuditTrail.Fields(latest.After)["priceBook"]));
    }

    [Fact]
    public async Task A_customer_asks_for_another_provider_and_approval_authorizes_it()
    {
        await SettingsAsync(confirm: false);
        var customer = await _harness.AddCustomerAsync(_ses.Id, "Contoso");
        var buyer = await _harness.AddUserAsync(PortalUser.CustomerPerson(_ses.Id, customer.Id, PortalRoles.CustomerUser, "buyer@contoso.com", "Buyer", DateTimeOffset.UtcNow));

        var requested = await AsCustomerAsync(buyer, r => r.RequestProviderAsync(customer.Id, "google", "For our data team."));
        var twice = await AsCustomerAsync(buyer, r => r.RequestProviderAsync(customer.Id, "google", null));
        var unknown = await AsCustomerAsync(buyer, r => r.RequestProviderAsync(customer.Id, "oracle", null));
        var notTheirs = await AsCustomerAsync(_ana, r => r.RequestProviderAsync(customer.Id, "aws", null));

        Assert.Equal(ApprovalKind.AccountRequest, requested.Value!.Kind);
        Assert.Equal(Problems.ProviderAlreadyRequested, twice.Errors["Provider"]);
        Assert.Equal(Problems.ProviderUnknown, unknown.Errors["Provider"]);
        Assert.Equal(OutcomeStatus.NotFound, notTheirs.Status);
        Assert.Contains(_harness.ApprovalMail.Sent, m => m.Kind == "new-request" && m.Request.Kind == ApprovalKind.AccountRequest);

        var wrongBook = await AsAsync(_ana, q => q.ApproveAccountRequestAsync(requested.Value.Id, "USD", _cadBook, true));
        var approved = await AsAsync(_ana, q => q.ApproveAccountRequestAsync(requested.Value.Id, "CAD", _cadBook, true));
        var again = await AsCustomerAsync(buyer, r => r.RequestProviderAsync(customer.Id, "google", null));

        Assert.Equal(Problems.BookInOtherCurrency, wrongBook.Errors["PriceBookId"]);
        Assert.Equal(OutcomeStatus.Done, approved.Status);
        Assert.Equal(Problems.ProviderAlreadyAuthorized, again.Errors["Provider"]);
        await using var scope = _harness.Scope(_ses.Id, _ana);
        var authorization = Assert.Single((await scope.ServiceProvider.GetRequiredService<Customers.CustomerRecords>().FindAsync(customer.Id))!.Authorizations);
        Assert.Equal(("google", _cadBook, "CAD"), (authorization.Provider, authorization.PriceBookId, authorization.Currency));
        Assert.Single(await AsCustomerAsync(buyer, r => r.OfCustomerAsync(customer.Id)));
    }

    [Fact]
    public async Task Another_resellers_staff_can_neither_see_nor_decide_a_request()
    {
        await SettingsAsync(confirm: false);
        var id = await PendingSignUpAsync("lee@tailspin.com");
        var stranger = await _harness.AddStaffAsync(_north.Id, PortalRoles.Owner, "owner@north.test");

        Assert.Null(await AsAsync(stranger, q => q.FindAsync(id), _north.Id));
        Assert.Equal(OutcomeStatus.NotFound, (await AsAsync(stranger, q => q.DeclineAsync(id, "No."), _north.Id)).Status);
        Assert.Equal(OutcomeStatus.NotFound, (await AsAsync(stranger, q => q.ApproveSignUpAsync(id, Terms("microsoft")), _north.Id)).Status);
        Assert.Equal(new QueueCounts(0, 0, 0), await AsAsync(stranger, q => q.CountsAsync(), _north.Id));
        Assert.Equal(ApprovalStatus.Pending, (await AsAsync(_ana, q => q.FindAsync(id)))!.Status);
    }

    private async Task<Page<CustomerSummary>> CustomersOfSesAsync()
    {
        await using var scope = _harness.Scope(_ses.Id, _ana);
        return await scope.ServiceProvider.GetRequiredService<Customers.CustomerRecords>().ListAsync(null, null, new PageRequest());
    }
}
