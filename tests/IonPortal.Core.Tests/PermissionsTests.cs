using IonPortal.Core.Accounts;
using IonPortal.Core.Approvals;
using IonPortal.Core.Catalog;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Pricing;
using IonPortal.Core.Resellers;
using IonPortal.Core.Storefronts;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IonPortal.Core.Tests;

/// <summary>The permission map as a role × action matrix, and proof that the domain services enforce it.</summary>
public class PermissionsTests(PermissionsTests.World world) : IClassFixture<PermissionsTests.World>
{
    private static readonly string[] Roles =
        [PortalRoles.Operator, PortalRoles.Owner, PortalRoles.Admin, PortalRoles.Sales, PortalRoles.Ops, PortalRoles.CustomerAdmin, PortalRoles.CustomerUser];

    /// <summary>Written out by hand, so a change to the map has to be a deliberate change here too.</summary>
    private static readonly Dictionary<PortalAction, string[]> Expected = new()
    {
        [PortalAction.OnboardResellers] = [PortalRoles.Operator],
        [PortalAction.EditCatalog] = [PortalRoles.Operator],
        [PortalAction.ReadMailbox] = [PortalRoles.Operator],
        [PortalAction.ReadPlatformAuditLog] = [PortalRoles.Operator],
        [PortalAction.UseConsole] = [PortalRoles.Owner, PortalRoles.Admin, PortalRoles.Sales, PortalRoles.Ops],
        [PortalAction.ManageCustomers] = [PortalRoles.Owner, PortalRoles.Admin, PortalRoles.Sales],
        [PortalAction.DecideApprovals] = [PortalRoles.Owner, PortalRoles.Admin, PortalRoles.Sales],
        [PortalAction.ManagePricing] = [PortalRoles.Owner, PortalRoles.Admin, PortalRoles.Sales],
        [PortalAction.ManageStorefront] = [PortalRoles.Owner, PortalRoles.Admin],
        [PortalAction.ManageTeam] = [PortalRoles.Owner, PortalRoles.Admin],
        [PortalAction.ReadAuditLog] = [PortalRoles.Owner, PortalRoles.Admin],
        [PortalAction.ManageCompanyPeople] = [PortalRoles.CustomerAdmin],
        [PortalAction.RequestProviderAccess] = [PortalRoles.CustomerAdmin, PortalRoles.CustomerUser],
        [PortalAction.AcceptAgreements] = [PortalRoles.CustomerAdmin],
        [PortalAction.RequestPrograms] = [PortalRoles.Owner, PortalRoles.Admin],
        [PortalAction.ManageSettings] = [PortalRoles.Owner, PortalRoles.Admin],
        [PortalAction.DecidePrograms] = [PortalRoles.Operator],
        [PortalAction.PlaceOrders] = [PortalRoles.Owner, PortalRoles.Admin, PortalRoles.Sales, PortalRoles.CustomerAdmin],
        [PortalAction.ManageSubscriptions] = [PortalRoles.Owner, PortalRoles.Admin, PortalRoles.Sales, PortalRoles.Ops, PortalRoles.CustomerAdmin],
        [PortalAction.ManageBilling] = [PortalRoles.Owner, PortalRoles.Admin],
        [PortalAction.ViewBilling] = [PortalRoles.Owner, PortalRoles.Admin, PortalRoles.Sales, PortalRoles.Ops, PortalRoles.CustomerAdmin],
    };

    public static TheoryData<string, PortalAction> Matrix()
    {
        var data = new TheoryData<string, PortalAction>();
        foreach (var role in Roles)
            foreach (var action in Enum.GetValues<PortalAction>())
                data.Add(role, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void The_map_allows_exactly_the_expected_roles(string role, PortalAction action) =>
        Assert.Equal(Expected[action].Contains(role), Permissions.Allows(role, action));

    [Fact]
    public void The_platform_may_do_anything_and_a_visitor_nothing()
    {
        Assert.All(Enum.GetValues<PortalAction>(), a => Assert.True(Actor.System().May(a)));
        Assert.All(Enum.GetValues<PortalAction>(), a => Assert.False(Actor.Visitor.May(a)));
    }

    /// <summary>
    /// One command per action, called with input that breaks a rule: a role that may act gets past
    /// the permission check to the field errors (Invalid); any other role is refused before, and
    /// nothing is saved either way.
    /// </summary>
    public static TheoryData<string, PortalAction> Enforced()
    {
        var data = new TheoryData<string, PortalAction>();
        foreach (var role in Roles)
            foreach (var action in Probes.Keys)
                data.Add(role, action);
        return data;
    }

    private static readonly Dictionary<PortalAction, Func<IServiceProvider, World, Task<Outcome>>> Probes = new()
    {
        [PortalAction.OnboardResellers] = async (s, _) => await s.GetRequiredService<ResellerOnboarding>().OnboardAsync(new NewReseller("", "", "")),
        [PortalAction.EditCatalog] = async (s, _) => await s.GetRequiredService<CatalogEditor>().SaveVendorAsync(null, "", null),
        [PortalAction.ManageCustomers] = async (s, _) => await s.GetRequiredService<Customers.CustomerRecords>().CreateAsync(CustomersTests.Draft(company: "")),
        [PortalAction.DecideApprovals] = async (s, w) => await s.GetRequiredService<ApprovalQueue>().DeclineAsync(w.PendingRequest, " "),
        [PortalAction.ManagePricing] = async (s, _) => await s.GetRequiredService<PriceBooks>().CreateAsync("", PriceBasis.ListPrice, "USD", 0m),
        [PortalAction.ManageStorefront] = async (s, _) => await s.GetRequiredService<StorefrontSetup>().SetPricingAsync(Guid.NewGuid(), "USD"),
        [PortalAction.ManageTeam] = async (s, _) => await s.GetRequiredService<Team>().InviteAsync("not-an-email", "", PortalRoles.Sales),
        [PortalAction.RequestProviderAccess] = async (s, w) => await s.GetRequiredService<AccessRequests>().RequestProviderAsync(w.Contoso, "not-a-provider", null),
        [PortalAction.ManageSettings] = async (s, _) => await s.GetRequiredService<ResellerSettings>().SaveColorsAsync("red", "blue"),
        [PortalAction.RequestPrograms] = async (s, _) => await s.GetRequiredService<VendorPrograms.VendorPrograms>().RequestAsync("not-a-program", "", acceptedTerms: false),
        [PortalAction.DecidePrograms] = async (s, _) => await s.GetRequiredService<VendorPrograms.VendorPrograms>().DeclineAsync(Guid.NewGuid(), " "),
        [PortalAction.PlaceOrders] = async (s, w) => await s.GetRequiredService<Orders.Checkout>().PlaceAsync(w.Contoso, "microsoft", [], Guid.Empty),
        [PortalAction.ManageSubscriptions] = async (s, w) => await s.GetRequiredService<Subscriptions.Subscriptions>().AddSeatsAsync(w.Subscription, version: 1, seats: 0),
        [PortalAction.ManageBilling] = async (s, _) => await s.GetRequiredService<Billing.StatementRun>().RunAsync(new DateOnly(2999, 1, 1)),
        [PortalAction.AcceptAgreements] = async (s, _) => await s.GetRequiredService<MicrosoftTenants.CustomerAgreements>().AcceptAsync(new MicrosoftTenants.AgreementSigner("", "", "", ""), accepted: false),
    };

    [Theory]
    [MemberData(nameof(Enforced))]
    public async Task The_domain_services_enforce_the_map(string role, PortalAction action)
    {
        var rowsBefore = await world.RowCountAsync();
        await using var scope = world.Harness.Scope(world.Ses.Id, world.People[role]);

        var outcome = await Probes[action](scope.ServiceProvider, world);

        if (Permissions.Allows(role, action))
            Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        else
            Assert.Contains(outcome.Status, new[] { OutcomeStatus.Forbidden, OutcomeStatus.NotFound });
        Assert.Equal(rowsBefore, await world.RowCountAsync());
    }

    [Theory]
    [MemberData(nameof(RolesOnly))]
    public async Task A_customers_people_are_managed_by_its_own_admins_and_the_resellers_customer_staff(string role)
    {
        await using var scope = world.Harness.Scope(world.Ses.Id, world.People[role]);

        var outcome = await scope.ServiceProvider.GetRequiredService<CustomerPeople>().AddAsync(world.Contoso, "not-an-email", "", PortalRoles.CustomerUser, FirstEmail.Invitation);

        if (Permissions.Allows(role, PortalAction.ManageCompanyPeople) || Permissions.Allows(role, PortalAction.ManageCustomers))
            Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        else
            Assert.Contains(outcome.Status, new[] { OutcomeStatus.Forbidden, OutcomeStatus.NotFound });
    }

    public static TheoryData<string> RolesOnly() => new(Roles);

    /// <summary>One reseller with a person in every role, a customer and a pending request.</summary>
    public sealed class World : IAsyncLifetime
    {
        public DomainHarness Harness { get; private set; } = default!;
        public Reseller Ses { get; private set; } = default!;
        public Guid Contoso { get; private set; }
        public Guid PendingRequest { get; private set; }
        public Guid Subscription { get; private set; }
        public Dictionary<string, PortalUser> People { get; } = [];

        public async Task InitializeAsync()
        {
            Harness = await DomainHarness.CreateAsync("permissions");
            Ses = await Harness.AddResellerAsync("ses");
            Contoso = (await Harness.AddCustomerAsync(Ses.Id, "Contoso")).Id;
            var now = DateTimeOffset.UtcNow;
            People[PortalRoles.Operator] = await Harness.AddUserAsync(PortalUser.Operator("op@platform.test", "Op", now));
            foreach (var role in PortalRoles.StaffRoles)
                People[role] = await Harness.AddStaffAsync(Ses.Id, role, $"{role.ToLowerInvariant()}@ses.test");
            foreach (var role in PortalRoles.CustomerRoles)
                People[role] = await Harness.AddUserAsync(PortalUser.CustomerPerson(Ses.Id, Contoso, role, $"{role.ToLowerInvariant()}@contoso.test", role, now));
            await using var scope = Harness.Scope(Ses.Id);
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var request = new ApprovalRequest
            {
                Id = Guid.CreateVersion7(), Kind = ApprovalKind.SignUp, CreatedAt = now,
                CompanyName = "Tailspin", ContactFirstName = "Lee", ContactLastName = "Ng", ContactEmail = "lee@tailspin.test",
            };
            request.EnterQueue();
            db.Add(request);
            await db.SaveChangesAsync();
            PendingRequest = request.Id;
            Subscription = (await OrdersTests.SubscribeAsync(Harness, Ses.Id, Contoso, enabledInPortal: true)).Id;
        }

        /// <summary>Every row the probes could have written.</summary>
        public async Task<int> RowCountAsync()
        {
            await using var scope = Harness.Scope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            return await db.Database.SqlQueryRaw<int>(
                "SELECT ((SELECT count(*) FROM customers) + (SELECT count(*) FROM users) + (SELECT count(*) FROM price_books) + (SELECT count(*) FROM vendors)" +
                " + (SELECT count(*) FROM resellers) + (SELECT count(*) FROM approval_requests WHERE status = 'Pending') + (SELECT count(*) FROM storefront_settings)" +
                " + (SELECT count(*) FROM orders) + (SELECT count(*) FROM subscription_events))::int AS \"Value\"").SingleAsync();
        }

        public async Task DisposeAsync() => await Harness.DisposeAsync();
    }
}
