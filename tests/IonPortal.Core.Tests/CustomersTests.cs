using IonPortal.Core.Accounts;
using IonPortal.Core.Customers;
using IonPortal.Core.Paging;
using IonPortal.Core.Pricing;
using IonPortal.Core.Resellers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace IonPortal.Core.Tests;

public class CustomersTests : IAsyncLifetime
{
    private DomainHarness _harness = default!;
    private Reseller _ses = default!;
    private Reseller _north = default!;
    private PortalUser _admin = default!;

    public static CustomerDraft Draft(string company = "Contoso Ltd", string email = "ana@contoso.com", string country = "US", string postal = "94105", string? state = "CA",
        string currency = "USD", Guid? book = null, string firstName = "Ana", string lastName = "Ruiz") =>
        new(company, null, new ContactDetails(firstName, lastName, email, "+1 415 555 0100", "CIO"), new PostalAddress("1 Market St", "San Francisco", state, postal, country),
            "en", currency, book, null);

    public async Task InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync("customers");
        _ses = await _harness.AddResellerAsync("ses");
        _north = await _harness.AddResellerAsync("north");
        _admin = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Admin, "admin@ses.test");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private (AsyncServiceScope Scope, Customers.CustomerRecords Customers) AsSes()
    {
        var scope = _harness.Scope(_ses.Id, _admin);
        return (scope, scope.ServiceProvider.GetRequiredService<Customers.CustomerRecords>());
    }

    [Fact]
    public async Task A_customer_is_created_with_a_validated_profile_and_found_by_any_of_its_names()
    {
        var (scope, customers) = AsSes();
        await using var _ = scope;

        var created = await customers.CreateAsync(Draft());
        await customers.CreateAsync(Draft("Fabrikam Inc", "li@fabrikam.com", firstName: "Li", lastName: "Wei"));

        Assert.True(created.IsDone);
        Assert.Equal("contoso.com", created.Value!.Domain);
        Assert.Equal(CustomerStatus.Active, created.Value.Status);
        foreach (var search in new[] { "CONTOSO", "ana ruiz", "ana@contoso", "contoso.com" })
            Assert.Equal(["Contoso Ltd"], (await customers.ListAsync(search, null, new PageRequest())).Items.Select(c => c.CompanyName));
        Assert.Equal(2, (await customers.ListAsync(null, CustomerStatus.Active, new PageRequest())).TotalCount);
        // What was typed is searched for as it is: % and _ are no wildcards, a NUL (which PostgreSQL refuses) is dropped.
        Assert.Empty((await customers.ListAsync("%", null, new PageRequest())).Items);
        Assert.Empty((await customers.ListAsync("contoso_com", null, new PageRequest())).Items);
        Assert.Equal(["Contoso Ltd"], (await customers.ListAsync("conto\0so", null, new PageRequest())).Items.Select(c => c.CompanyName));
        Assert.Equal(2, (await customers.ListAsync(" \t ", null, new PageRequest())).TotalCount);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("  ", null)]
    [InlineData("\0", null)]
    [InlineData(" Contoso ", "%Contoso%")]
    [InlineData("50%_off\\", "%50\\%\\_off\\\\%")]
    public void Search_text_becomes_a_literal_contains_pattern(string? typed, string? pattern) =>
        Assert.Equal(pattern, IonPortal.Core.Paging.SearchPattern.Contains(typed));

    [Fact]
    public async Task Bad_input_is_reported_per_field_and_nothing_is_saved()
    {
        var (scope, customers) = AsSes();
        await using var _ = scope;
        var cad = (await scope.ServiceProvider.GetRequiredService<PriceBooks>().CreateAsync("CAD book", PriceBasis.Cost, "CAD", 10m)).Value!;

        var result = await customers.CreateAsync(new CustomerDraft("", null, new ContactDetails("", "", "nope", "call me", null),
            new PostalAddress("", "Toronto", null, "123", "CA"), "fr", "USD", cad.Id, Guid.NewGuid()));

        Assert.Equal(Problems.CompanyRequired, result.Errors["CompanyName"]);
        Assert.Equal(Problems.FirstNameRequired, result.Errors["FirstName"]);
        Assert.Equal(Problems.EmailInvalid, result.Errors["Email"]);
        Assert.Equal(Problems.PhoneInvalid, result.Errors["Phone"]);
        Assert.Equal(Problems.StreetRequired, result.Errors["Street"]);
        Assert.Equal(Problems.PostalCodeInvalid, result.Errors["PostalCode"]);
        Assert.Equal(Problems.StateRequired, result.Errors["State"]);
        Assert.Equal(Problems.LanguageUnsupported, result.Errors["PreferredLanguage"]);
        Assert.Equal(Problems.BookInOtherCurrency, result.Errors["PriceBookId"]);
        Assert.Equal(Problems.SupportPlanMissing, result.Errors["SupportPlanId"]);
        Assert.Empty((await customers.ListAsync(null, null, new PageRequest())).Items);
    }

    [Fact]
    public async Task An_invited_person_can_be_sent_the_link_again_which_lasts_a_week_works_once_and_only_at_its_storefront()
    {
        var customer = await _harness.AddCustomerAsync(_ses.Id, "Invite Co");
        var (scope, _) = AsSes();
        await using var _s = scope;
        var people = scope.ServiceProvider.GetRequiredService<CustomerPeople>();
        var links = scope.ServiceProvider.GetRequiredService<AccessLinks>();

        var invited = (await people.AddAsync(customer.Id, "ivy@invite.test", "Ivy", PortalRoles.CustomerUser, FirstEmail.Invitation))!.Value!;
        var firstLink = _harness.Mail.LastTokenFor("invitation", "ivy@invite.test");
        var resent = await people.ResendInvitationAsync(customer.Id, invited.Id);
        var secondLink = _harness.Mail.LastTokenFor("invitation", "ivy@invite.test");

        Assert.True(resent!.IsDone);
        Assert.Equal(2, _harness.Mail.Sent.Count(m => m.Kind == "invitation" && m.User.Email == "ivy@invite.test"));
        Assert.False((await links.AcceptInvitationAsync(invited.Id, secondLink, "long-enough-password", SignInRealm.Storefront(_north.Id))).IsDone);
        Assert.True((await links.AcceptInvitationAsync(invited.Id, secondLink, "long-enough-password", SignInRealm.Storefront(_ses.Id))).IsDone);
        Assert.False((await links.AcceptInvitationAsync(invited.Id, firstLink, "another-password", SignInRealm.Storefront(_ses.Id))).IsDone);
        Assert.False((await people.ResendInvitationAsync(customer.Id, invited.Id))!.IsDone);   // they have a password now
        Assert.Equal(AccountStatus.Active, (await people.FindAsync(customer.Id, invited.Id))!.Status);
    }

    [Fact]
    public async Task Suspending_a_customer_ends_its_peoples_sessions()
    {
        var (scope, customers) = AsSes();
        await using var _ = scope;
        var customer = (await customers.CreateAsync(Draft())).Value!;
        var user = await _harness.AddUserAsync(PortalUser.CustomerPerson(_ses.Id, customer.Id, PortalRoles.CustomerUser, "ana@contoso.com", "Ana", DateTimeOffset.UtcNow));
        var stampBefore = user.SecurityStamp;

        await customers.SetStatusAsync(customer.Id, CustomerStatus.Suspended);

        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.NotEqual(stampBefore, (await users.FindByIdAsync(user.Id.ToString()))!.SecurityStamp);
        Assert.False(await scope.ServiceProvider.GetRequiredService<AccountDirectory>().MaySignInAsync((await users.FindByIdAsync(user.Id.ToString()))!));
        await customers.SetStatusAsync(customer.Id, CustomerStatus.Active);
        Assert.True(await scope.ServiceProvider.GetRequiredService<AccountDirectory>().MaySignInAsync((await users.FindByIdAsync(user.Id.ToString()))!));
    }

    [Fact]
    public async Task Provider_authorizations_need_a_book_in_their_currency()
    {
        var (scope, customers) = AsSes();
        await using var _ = scope;
        var books = scope.ServiceProvider.GetRequiredService<PriceBooks>();
        var usd = (await books.CreateAsync("USD", PriceBasis.Cost, "USD", 10m)).Value!;
        var customer = (await customers.CreateAsync(Draft())).Value!;

        var wrongCurrency = await customers.AuthorizeAsync(customer.Id, "microsoft", usd.Id, "MXN", true);
        var unknown = await customers.AuthorizeAsync(customer.Id, "oracle", usd.Id, "USD", true);
        var granted = await customers.AuthorizeAsync(customer.Id, "microsoft", usd.Id, "USD", true);

        Assert.Equal(Problems.BookInOtherCurrency, wrongCurrency!.Errors["PriceBookId"]);
        Assert.Equal(Problems.ProviderUnknown, unknown!.Errors["Provider"]);
        Assert.True(granted!.IsDone);
        Assert.Equal(["microsoft"], (await customers.FindAsync(customer.Id))!.Authorizations.Select(a => a.Provider));
    }

    [Fact]
    public async Task Another_resellers_customer_is_not_found()
    {
        Guid id;
        var (scope, customers) = AsSes();
        await using (scope)
            id = (await customers.CreateAsync(Draft())).Value!.Id;

        await using var north = _harness.Scope(_north.Id);
        var theirs = north.ServiceProvider.GetRequiredService<Customers.CustomerRecords>();

        Assert.Null(await theirs.FindAsync(id));
        Assert.Equal(IonPortal.Core.Validation.OutcomeStatus.NotFound, (await theirs.UpdateAsync(id, Draft("Stolen"))).Status);
        Assert.Equal(IonPortal.Core.Validation.OutcomeStatus.NotFound, (await theirs.SetStatusAsync(id, CustomerStatus.Suspended)).Status);
        Assert.Equal(IonPortal.Core.Validation.OutcomeStatus.NotFound, (await theirs.AuthorizeAsync(id, "microsoft", Guid.NewGuid(), "USD", true)).Status);
        Assert.Null(await north.ServiceProvider.GetRequiredService<CustomerPeople>().ListAsync(id));
    }

    [Fact]
    public async Task Staff_and_a_customers_admins_add_its_people_but_its_users_cannot()
    {
        var (scope, customers) = AsSes();
        Guid contoso, fabrikam;
        await using (scope)
        {
            contoso = (await customers.CreateAsync(Draft())).Value!.Id;
            fabrikam = (await customers.CreateAsync(Draft("Fabrikam", "li@fabrikam.com"))).Value!.Id;
        }
        var contosoAdmin = await _harness.AddUserAsync(PortalUser.CustomerPerson(_ses.Id, contoso, PortalRoles.CustomerAdmin, "boss@contoso.com", "Boss", DateTimeOffset.UtcNow));
        var contosoUser = await _harness.AddUserAsync(PortalUser.CustomerPerson(_ses.Id, contoso, PortalRoles.CustomerUser, "worker@contoso.com", "Worker", DateTimeOffset.UtcNow));

        async Task<IonPortal.Core.Validation.Outcome<CustomerPersonSummary>> AddAs(PortalUser actor, Guid customer, string email, FirstEmail first = FirstEmail.Invitation)
        {
            await using var s = _harness.Scope(_ses.Id, actor);
            return await s.ServiceProvider.GetRequiredService<CustomerPeople>().AddAsync(customer, email, "New", PortalRoles.CustomerUser, first);
        }

        Assert.True((await AddAs(_admin, contoso, "one@contoso.com"))!.IsDone);
        Assert.True((await AddAs(contosoAdmin, contoso, "two@contoso.com", FirstEmail.Welcome))!.IsDone);
        Assert.Equal(Problems.MayNotManageCustomerPeople, (await AddAs(contosoUser, contoso, "three@contoso.com")).Problem);
        // Another customer's people don't even see it.
        Assert.Equal(IonPortal.Core.Validation.OutcomeStatus.NotFound, (await AddAs(contosoAdmin, fabrikam, "four@fabrikam.com")).Status);
        Assert.Equal(Problems.EmailTakenAtStorefront, (await AddAs(_admin, fabrikam, "ONE@contoso.com"))!.Errors["Email"]);
        Assert.Equal(["invitation", "welcome"], _harness.Mail.Sent.Select(m => m.Kind));
    }
}
