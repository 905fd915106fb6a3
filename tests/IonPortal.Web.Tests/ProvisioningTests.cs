using Bunit;
using System.Net;
using IonPortal.Core.Catalog;
using IonPortal.Core.Customers;
using IonPortal.Core.Orders;
using IonPortal.Core.ProviderSandbox;
using IonPortal.Core.Subscriptions;
using IonPortal.Core.Validation;
using IonPortal.Web.ProviderSandbox;
using IonPortal.Web.Tests.Components;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IonPortal.Web.Tests;

/// <summary>
/// Orders provisioned at the provider sandbox by the app's own workers: completed with a
/// subscription per line, a refusal failing the order with its reason and a retry that buys once,
/// a node dying after the provider bought (before anything was saved) losing and doubling nothing,
/// and seat changes made at the provider.
/// </summary>
public class ProvisioningTests(ProvisioningTests.App factory) : IClassFixture<ProvisioningTests.App>
{
    /// <summary>The app with quick workers, and a way to stop a node dead right after the provider answered a checkout.</summary>
    public sealed class App : PortalFactory
    {
        public DiesAfterCheckout Crash { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Provisioning:PollInterval", "00:00:00.100");
            builder.UseSetting("Provisioning:RetryDelay", "00:00:00.200");
            builder.ConfigureServices(services => services.AddHttpClient<Core.PartnerCenter.PartnerCenterClient>().AddHttpMessageHandler(() => new CrashHandler(Crash)));
        }
    }

    public sealed class DiesAfterCheckout
    {
        public int Armed;
    }

    // What a node killed mid-provisioning looks like from the database: the provider did its part, and the worker never got to save.
    private sealed class CrashHandler(DiesAfterCheckout crash) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var response = await base.SendAsync(request, ct);
            if (request.RequestUri!.AbsolutePath.EndsWith("/checkout", StringComparison.Ordinal) && Interlocked.Exchange(ref crash.Armed, 0) == 1)
                throw new OperationCanceledException("The node died after the provider checked the cart out.");
            return response;
        }
    }

    private const string Admin = "admin@northwind.test";

    private async Task<(Guid Customer, Guid Plan)> FabrikamAsync(int plan = 0) =>
        await factory.QueryAsync(async db =>
        {
            var customer = await db.Set<Customer>().IgnoreQueryFilters().Include(c => c.Authorizations).SingleAsync(c => c.CompanyName.StartsWith("Fabrikam"));
            var currency = customer.Authorizations.Single(a => a.Provider == "microsoft").Currency;
            var planId = await db.Set<Plan>().Where(p => p.Product!.Provider == "microsoft" && p.Product.Kind != ProductKind.Solution && p.RetiredAt == null && p.Prices.Any(x => x.Currency == currency))
                .OrderBy(p => p.Sku).Select(p => p.Id).Skip(plan).FirstAsync();
            return (customer.Id, planId);
        });

    private async Task<Order> PlaceAsync(int quantity = 5, int plan = 0)
    {
        var (customer, planId) = await FabrikamAsync(plan);
        await using var ui = await ComponentHarness.AsAsync(factory, Admin);
        var placed = await ui.Session.RunAsync((Checkout checkout) => checkout.PlaceAsync(customer, "microsoft", [new CartLine(planId, quantity)], Guid.NewGuid()));
        Assert.True(placed.IsDone, placed.Problem?.Key);
        return placed.Value;
    }

    private Task<Order> OrderAsync(Guid id) =>
        factory.QueryAsync(db => db.Set<Order>().IgnoreQueryFilters().Include(o => o.Lines).Include(o => o.History).AsNoTracking().SingleAsync(o => o.Id == id));

    private async Task<Order> UntilAsync(Guid id, params OrderStatus[] statuses)
    {
        for (var i = 0; i < 300; i++)
        {
            var order = await OrderAsync(id);
            if (statuses.Contains(order.Status))
                return order;
            await Task.Delay(50);
        }
        return await OrderAsync(id);
    }

    private Task<int> SandboxSubscriptionsAsync(Guid orderId) =>
        factory.QueryAsync(db => db.Set<SandboxCart>().Where(c => c.RequestId == orderId && c.OrderId != null)
            .Join(db.Set<SandboxSubscription>(), c => c.OrderId, s => s.OrderId, (c, s) => s).CountAsync());

    [Fact]
    public async Task A_placed_order_is_provisioned_into_a_subscription_per_line_and_the_customer_is_told()
    {
        var placed = await PlaceAsync(quantity: 7);

        var order = await UntilAsync(placed.Id, OrderStatus.Completed, OrderStatus.Failed);

        Assert.Equal(OrderStatus.Completed, order.Status);
        Assert.Equal([OrderStatus.Placed, OrderStatus.Provisioning, OrderStatus.Completed], order.History.OrderBy(e => e.At).Select(e => e.Status));
        var subscription = await factory.QueryAsync(db => db.Set<Subscription>().IgnoreQueryFilters().Include(s => s.Batches).SingleAsync(s => s.OrderId == order.Id));
        Assert.Equal((7, SubscriptionStatus.Active, order.Lines[0].UnitPrice), (subscription.Quantity, subscription.Status, subscription.UnitPrice));
        Assert.Equal(subscription.Id, order.Lines[0].SubscriptionId);
        Assert.Equal(1, await SandboxSubscriptionsAsync(order.Id));
        var email = await factory.LastEmailToAsync("buyer@fabrikam.test");
        Assert.Contains($"Order {order.Number} is ready", email!.Subject);
    }

    [Fact]
    public async Task A_refused_order_fails_with_the_reason_and_a_retry_buys_it_once()
    {
        factory.Services.GetRequiredService<SandboxFaults>().RefusePurchases(1);
        var placed = await PlaceAsync();

        var failed = await UntilAsync(placed.Id, OrderStatus.Failed, OrderStatus.Completed);
        Assert.Equal((OrderStatus.Failed, Problems.ProviderRefusedOrder.Key), (failed.Status, failed.FailureProblem));
        Assert.Equal(0, await SandboxSubscriptionsAsync(placed.Id));
        Assert.Contains($"Order {failed.Number} could not be provisioned", (await factory.LastEmailToAsync(Admin))!.Subject);

        await using var ui = await ComponentHarness.AsAsync(factory, Admin);
        Assert.True((await ui.Session.RunAsync((Core.Orders.Orders orders) => orders.RetryAsync(placed.Id))).IsDone);
        var completed = await UntilAsync(placed.Id, OrderStatus.Completed);

        Assert.Equal(OrderStatus.Completed, completed.Status);
        Assert.Equal(1, await SandboxSubscriptionsAsync(placed.Id));
        Assert.Null(completed.FailureProblem);
    }

    [Fact]
    public async Task A_node_dying_after_the_provider_bought_loses_nothing_and_doubles_nothing()
    {
        Interlocked.Exchange(ref factory.Crash.Armed, 1);
        var placed = await PlaceAsync(quantity: 3);

        var order = await UntilAsync(placed.Id, OrderStatus.Completed, OrderStatus.Failed);

        Assert.Equal(0, factory.Crash.Armed);   // it did die once
        Assert.Equal(OrderStatus.Completed, order.Status);
        Assert.Equal(1, await SandboxSubscriptionsAsync(order.Id));
        Assert.Equal(1, await factory.QueryAsync(db => db.Set<Subscription>().IgnoreQueryFilters().CountAsync(s => s.OrderId == order.Id)));
        var job = await factory.QueryAsync(db => db.Set<ProvisioningJob>().SingleAsync(j => j.OrderId == order.Id));
        Assert.Equal(2, job.Attempts);
    }

    [Fact]
    public async Task Seat_changes_are_made_at_the_provider_and_a_cancellation_only_inside_the_window()
    {
        var order = await UntilAsync((await PlaceAsync(quantity: 5)).Id, OrderStatus.Completed);
        var id = order.Lines[0].SubscriptionId!.Value;
        await using var ui = await ComponentHarness.AsAsync(factory, Admin);
        Task<int> ProviderSeatsAsync() => factory.QueryAsync(async db =>
        {
            var providerId = await db.Set<Subscription>().IgnoreQueryFilters().Where(s => s.Id == id).Select(s => s.ProviderSubscriptionId).SingleAsync();
            return await db.Set<SandboxSubscription>().Where(s => s.Id == Guid.Parse(providerId)).Select(s => s.Quantity).SingleAsync();
        });

        var added = await ui.Session.RunAsync((Subscriptions s) => s.AddSeatsAsync(id, version: 1, seats: 4));
        Assert.Equal((9, 9), (added.Value.Quantity, await ProviderSeatsAsync()));

        var reduced = await ui.Session.RunAsync((Subscriptions s) => s.ReduceSeatsAsync(id, version: 2, quantity: 2));
        Assert.Equal(Effective.Now, reduced.Value);
        Assert.Equal(2, await ProviderSeatsAsync());

        var stale = await ui.Session.RunAsync((Subscriptions s) => s.AddSeatsAsync(id, version: 2, seats: 1));
        Assert.Equal(Problems.SubscriptionChangedMeanwhile, stale.Problem);
        Assert.Equal(2, await ProviderSeatsAsync());

        Assert.True((await ui.Session.RunAsync((Subscriptions s) => s.CancelAsync(id, version: 3))).IsDone);
        Assert.Equal("deleted", await factory.QueryAsync(db => db.Set<SandboxSubscription>().Where(s => s.OrderId != Guid.Empty && s.Quantity == 2).OrderByDescending(s => s.CreatedAt).Select(s => s.Status).FirstAsync()));
    }

    [Fact]
    public async Task Another_resellers_order_and_subscription_are_not_found_over_http()
    {
        var order = await UntilAsync((await PlaceAsync(quantity: 2)).Id, OrderStatus.Completed);
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync("admin@sesdemo.test");

        foreach (var address in new[] { $"/console/orders/{order.Id}", $"/console/subscriptions/{order.Lines[0].SubscriptionId}" })
        {
            var page = await client.GetAsync(address);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.DoesNotContain("Fabrikam", page.Html);
        }

        var own = factory.CreatePortalClient();
        await own.SignInToConsoleAsync(Admin);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/console/orders/{order.Id}")).Status);
    }

    [Fact]
    public async Task Licences_are_assigned_to_the_tenants_users_never_past_what_was_bought()
    {
        // A plan no other test buys: licences are pooled across a customer's subscriptions to a plan.
        var order = await UntilAsync((await PlaceAsync(quantity: 2, plan: 3)).Id, OrderStatus.Completed);
        var id = order.Lines[0].SubscriptionId!.Value;
        await using var ui = await ComponentHarness.AsAsync(factory, Admin);
        var suffix = Guid.NewGuid().ToString("N")[..6];

        var bad = await ui.Session.RunAsync((Licences l) => l.CreateUserAsync(id, "", "Ruiz", "not a name!"));
        Assert.Equal((Problems.FirstNameRequired, Problems.UserNameInvalid), (bad.Errors["FirstName"], bad.Errors["UserName"]));
        var users = new List<Core.PartnerCenter.NewTenantUser>();
        foreach (var name in new[] { "ana", "ben", "cy" })
        {
            var created = await ui.Session.RunAsync((Licences l) => l.CreateUserAsync(id, name, "Test", $"{name}.{suffix}"));
            Assert.True(created.IsDone, created.Problem?.Key);
            Assert.True(created.Value.Password.Length >= 12);
            users.Add(created.Value);
        }
        Assert.Equal(Problems.UserNameTaken, (await ui.Session.RunAsync((Licences l) => l.CreateUserAsync(id, "Ana", "Again", $"ana.{suffix}"))).Errors["UserName"]);

        Assert.True((await ui.Session.RunAsync((Licences l) => l.SetAsync(id, users[0].User.Id, true))).IsDone);
        Assert.True((await ui.Session.RunAsync((Licences l) => l.SetAsync(id, users[1].User.Id, true))).IsDone);
        Assert.Equal(Problems.LicencesUsedUp, (await ui.Session.RunAsync((Licences l) => l.SetAsync(id, users[2].User.Id, true))).Problem);
        // Microsoft refuses it too, when asked directly.
        var tenant = await factory.QueryAsync(db => db.Set<Core.MicrosoftTenants.MicrosoftTenant>().IgnoreQueryFilters().Where(t => t.CustomerId == order.CustomerId).Select(t => t.TenantId!.Value).SingleAsync());
        var sku = order.Lines[0].Sku;
        Assert.Equal(Problems.LicencesUsedUp, (await factory.Services.CreateScope().ServiceProvider.GetRequiredService<Core.PartnerCenter.PartnerCenterClient>()
            .UpdateLicenceAsync(tenant, users[2].User.Id, sku, assign: true)).Problem);

        var view = (await ui.Session.RunAsync((Licences l) => l.ViewAsync(id)))!.Value;
        Assert.True(view.Assigned <= view.Purchased);
        Assert.True(view.Users.Single(u => u.User.Id == users[0].User.Id).HasLicence);
        Assert.False(view.Users.Single(u => u.User.Id == users[2].User.Id).HasLicence);

        // Seats can't go below the licences held.
        var version = (await ui.Session.RunAsync((Subscriptions s) => s.FindAsync(id)))!.Version;
        Assert.Equal(OutcomeStatus.Conflict, (await ui.Session.RunAsync((Subscriptions s) => s.ReduceSeatsAsync(id, version, 1))).Status);

        Assert.True((await ui.Session.RunAsync((Licences l) => l.SetAsync(id, users[0].User.Id, false))).IsDone);
        Assert.True((await ui.Session.RunAsync((Licences l) => l.SetAsync(id, users[2].User.Id, true))).IsDone);
    }

    [Fact]
    public async Task An_upgrade_moves_the_seats_now_and_a_downgrade_waits_for_the_renewal()
    {
        var (customer, _) = await FabrikamAsync();
        // An allowed change between two annual plans Fabrikam can buy, the second dearer.
        var (from, to) = await factory.QueryAsync(async db =>
        {
            var currency = await db.Set<ProviderAuthorization>().IgnoreQueryFilters().Where(a => a.CustomerId == customer && a.Provider == "microsoft").Select(a => a.Currency).SingleAsync();
            var pairs = await (from change in db.Set<PlanUpgrade>()
                               join a in db.Set<Plan>() on change.FromPlanId equals a.Id
                               join b in db.Set<Plan>() on change.ToPlanId equals b.Id
                               where a.Product!.Provider == "microsoft" && a.Term == b.Term
                               select new { From = a.Id, To = b.Id, FromPrice = a.Prices.Where(x => x.Currency == currency).Select(x => x.ListPrice).FirstOrDefault(),
                                            ToPrice = b.Prices.Where(x => x.Currency == currency).Select(x => x.ListPrice).FirstOrDefault() }).ToListAsync();
            var pair = pairs.First(p => p.FromPrice > 0 && p.ToPrice > p.FromPrice);
            return (pair.From, pair.To);
        });
        await using var ui = await ComponentHarness.AsAsync(factory, Admin);
        var placed = await ui.Session.RunAsync((Checkout checkout) => checkout.PlaceAsync(customer, "microsoft", [new CartLine(from, 3)], Guid.NewGuid()));
        var id = (await UntilAsync(placed.Value.Id, OrderStatus.Completed)).Lines[0].SubscriptionId!.Value;
        Task<Subscription> StoredAsync() => factory.QueryAsync(db => db.Set<Subscription>().IgnoreQueryFilters().Include(s => s.History).AsNoTracking().SingleAsync(s => s.Id == id));
        var before = await StoredAsync();

        var options = await ui.Session.RunAsync((Subscriptions s) => s.PlanOptionsAsync(id));
        Assert.True(options.Single(o => o.Change.PlanId == to).IsUpgrade);
        var upgrade = await ui.Session.RunAsync((Subscriptions s) => s.ChangePlanAsync(id, before.Version, to));
        Assert.True(upgrade.IsDone, string.Join("; ", upgrade.Errors.ByField.Select(e => e.Key + ": " + e.Value.Key)));
        Assert.Equal(Effective.Now, upgrade.Value);

        var upgraded = await StoredAsync();
        Assert.Equal((to, 3), (upgraded.PlanId, upgraded.Quantity));
        Assert.NotEqual(before.ProviderSubscriptionId, upgraded.ProviderSubscriptionId);
        var atProvider = await factory.QueryAsync(db => db.Set<SandboxSubscription>().Where(s => s.Id == Guid.Parse(before.ProviderSubscriptionId) || s.Id == Guid.Parse(upgraded.ProviderSubscriptionId))
            .ToDictionaryAsync(s => s.Id.ToString(), s => (s.Status, s.Quantity, s.OfferId)));
        Assert.Equal("deleted", atProvider[before.ProviderSubscriptionId].Status);
        Assert.Equal(("active", 3, upgraded.Sku), atProvider[upgraded.ProviderSubscriptionId]);
        Assert.Equal(OutcomeStatus.Invalid, (await ui.Session.RunAsync((Subscriptions s) => s.ChangePlanAsync(id, upgraded.Version, Guid.NewGuid()))).Status);

        // Back down: scheduled, then made at the renewal.
        Assert.Equal(Effective.AtRenewal, (await ui.Session.RunAsync((Subscriptions s) => s.ChangePlanAsync(id, upgraded.Version, from))).Value);
        Assert.Equal((to, (Guid?)from), ((await StoredAsync()).PlanId, (await StoredAsync()).PendingPlanId));
        await factory.QueryAsync(db => db.Set<Subscription>().IgnoreQueryFilters().Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.RenewsAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        Assert.True(await factory.Services.GetRequiredService<Provisioner>().RenewDueAsync(default) >= 1);

        var renewed = await StoredAsync();
        Assert.Equal((from, (Guid?)null), (renewed.PlanId, renewed.PendingPlanId));
        // Both at the same moment: the move to the cheaper plan, and the renewal.
        Assert.Equal([SubscriptionChangeKind.Renewed, SubscriptionChangeKind.Downgraded], renewed.History.OrderByDescending(e => e.At).Take(2).Select(e => e.Kind).Order());
        Assert.Equal("active", await factory.QueryAsync(db => db.Set<SandboxSubscription>().Where(s => s.Id == Guid.Parse(renewed.ProviderSubscriptionId)).Select(s => s.Status).SingleAsync()));
    }

    [Fact]
    public async Task Another_customers_order_and_subscription_are_not_found_in_the_portal_nor_over_the_api()
    {
        var order = await UntilAsync((await PlaceAsync(quantity: 2)).Id, OrderStatus.Completed);
        var subscription = order.Lines[0].SubscriptionId;
        var neighbour = await NeighbourAsync();

        var own = factory.CreatePortalClient();
        await own.SignInToStorefrontAsync("northwind", "buyer@fabrikam.test");
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/v2c/orders/{order.Id}?accountName=northwind")).Status);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/v2c/subscriptions/{subscription}?accountName=northwind")).Status);

        var other = factory.CreatePortalClient();
        await other.SignInToStorefrontAsync("northwind", neighbour);
        foreach (var address in new[] { $"/v2c/orders/{order.Id}?accountName=northwind", $"/v2c/subscriptions/{subscription}?accountName=northwind" })
        {
            var page = await other.GetAsync(address);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.DoesNotContain("Fabrikam", page.Html);
        }

        // The API: another reseller's staff get a problem "not found"; a customer's people can't use it.
        var staff = factory.CreatePortalClient();
        await staff.SignInToConsoleAsync("admin@sesdemo.test");
        var answer = await staff.Http.GetAsync($"/api/v1/orders/{order.Id}");
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.GetAsync($"/api/v1/orders/{order.Id}")).StatusCode);
        var owner = factory.CreatePortalClient();
        await owner.SignInToConsoleAsync(Admin);
        Assert.Contains(order.Number.ToString(), await owner.Http.GetStringAsync($"/api/v1/orders/{order.Id}"));
    }

    [Fact]
    public async Task The_api_places_once_per_key_and_answers_problem_details()
    {
        var (customer, plan) = await FabrikamAsync();
        var client = factory.CreatePortalClient();
        await client.SignInToConsoleAsync(Admin);
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Post(object body, string? idempotencyKey) =>
            new(HttpMethod.Post, "/api/v1/orders") { Content = System.Net.Http.Json.JsonContent.Create(body), Headers = { { "Idempotency-Key", idempotencyKey ?? "" } } };

        var first = await client.Http.SendAsync(Post(new { customerId = customer, provider = "microsoft", lines = new[] { new { planId = plan, quantity = 2 } } }, key));
        var again = await client.Http.SendAsync(Post(new { customerId = customer, provider = "microsoft", lines = new[] { new { planId = plan, quantity = 2 } } }, key));
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, again.StatusCode));
        var id = System.Text.Json.JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        Assert.Equal(id, System.Text.Json.JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
        Assert.Equal(1, await factory.QueryAsync(db => db.Set<Order>().IgnoreQueryFilters().CountAsync(o => o.CheckoutKey == Guid.Parse(key))));

        var noKey = await client.Http.SendAsync(Post(new { customerId = customer, provider = "microsoft", lines = new[] { new { planId = plan, quantity = 2 } } }, null));
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Contains("Idempotency-Key", await noKey.Content.ReadAsStringAsync());

        var tooMany = await client.Http.SendAsync(Post(new { customerId = customer, provider = "microsoft", lines = new[] { new { planId = plan, quantity = 100_000 } } }, Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);
        var problem = System.Text.Json.JsonDocument.Parse(await tooMany.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("QuantityOutOfRange", problem.GetProperty("checks")[0].GetProperty("check").GetString());
        Assert.Equal(1, problem.GetProperty("checks")[0].GetProperty("line").GetInt32());

        var signedOut = factory.CreatePortalClient();
        var anonymous = await signedOut.Http.SendAsync(Post(new { customerId = customer }, Guid.NewGuid().ToString()));
        Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, anonymous.StatusCode + " " + await anonymous.Content.ReadAsStringAsync());
    }

    /// <summary>Another customer of Northwind's, with an admin who can sign in to the storefront; answers the admin's email.</summary>
    private async Task<string> NeighbourAsync()
    {
        const string email = "admin@adatum.test";
        var northwind = await factory.QueryAsync(db => db.Set<Core.Resellers.Reseller>().SingleAsync(r => r.Nickname == "northwind"));
        await using var scope = factory.Services.CreateAsyncScope();
        new Core.WorkContext(Core.Accounts.Actor.System("test"), northwind.Id, northwind.Nickname).Enter(scope.ServiceProvider);
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.PortalDbContext>();
        if (await db.Users.AnyAsync(u => u.Email == email))
            return email;
        var customer = new Customer { Id = Guid.CreateVersion7(), ResellerId = northwind.Id, CompanyName = "Adatum", ContactEmail = email, Status = CustomerStatus.Active, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        db.Add(customer);
        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Core.Accounts.PortalUser>>();
        var created = await users.CreateAsync(Core.Accounts.PortalUser.CustomerPerson(northwind.Id, customer.Id, Core.Accounts.PortalRoles.CustomerAdmin, email, "Ada Tum", DateTimeOffset.UtcNow), Demo.DemoData.Password);
        Assert.True(created.Succeeded);
        return email;
    }

    [Fact]
    public async Task A_customers_admin_requests_a_click_to_run_solution_and_it_is_deployed_once_as_an_order_line()
    {
        var (customer, _) = await FabrikamAsync();
        await using var buyer = await ComponentHarness.AsAsync(factory, "buyer@fabrikam.test");
        var solutions = (await buyer.Session.RunAsync((Checkout c) => c.SolutionsAsync(customer, 1)))!;
        Assert.Contains(solutions.Items, s => s.Code == "c2r-landing-zone");
        var zone = solutions.Items.Single(s => s.Code == "c2r-landing-zone").Plans.Single();
        // The order form offers licences, not solutions.
        Assert.DoesNotContain((await buyer.Session.RunAsync((Checkout c) => c.OfferAsync(customer, "microsoft", "landing", 1)))!.Items, p => p.Code == "c2r-landing-zone");

        var without = await buyer.Session.RunAsync((Checkout c) => c.PlaceAsync(customer, "microsoft", [new CartLine(zone.PlanId, 1)], Guid.NewGuid()));
        var malformed = await buyer.Session.RunAsync((Checkout c) => c.PlaceAsync(customer, "microsoft",
            [new CartLine(zone.PlanId, 1, new Dictionary<string, string> { ["region"] = "mars", ["environment"] = "X!", ["addressSpace"] = "10.10.0.0/16" })], Guid.NewGuid()));
        Assert.Equal((Problems.SolutionNeedsParameters, Problems.SolutionNeedsParameters), (without.Problem, malformed.Problem));

        var parameters = new Dictionary<string, string> { ["region"] = "canadacentral", ["environment"] = "fabrikam-prod", ["addressSpace"] = "10.20.0.0/16" };
        var placed = await buyer.Session.RunAsync((Checkout c) => c.PlaceAsync(customer, "microsoft", [new CartLine(zone.PlanId, 1, parameters)], Guid.NewGuid()));
        Assert.True(placed.IsDone, placed.Problem?.Key);
        var order = await UntilAsync(placed.Value.Id, OrderStatus.Completed, OrderStatus.Failed);

        Assert.Equal(OrderStatus.Completed, order.Status);
        var line = Assert.Single(order.Lines);
        Assert.Equal("canadacentral", line.ParameterValues["region"]);
        Assert.EndsWith($"/deployments/c2r-{order.Id:N}-1", line.DeploymentId);
        Assert.Null(line.SubscriptionId);
        Assert.Equal(1, await factory.QueryAsync(db => db.Set<SandboxDeployment>().CountAsync(d => d.Name == $"c2r-{order.Id:N}-1")));
    }

    [Fact]
    public async Task Two_people_on_one_subscription_the_other_follows_the_change_and_a_stale_change_is_refused_with_the_new_state_shown()
    {
        var order = await UntilAsync((await PlaceAsync(quantity: 5)).Id, OrderStatus.Completed);
        var id = order.Lines[0].SubscriptionId!.Value;
        await using var first = await ComponentHarness.AsAsync(factory, Admin);
        await using var second = await ComponentHarness.AsAsync(factory, Admin);
        var a = first.Render<IonPortal.Web.Components.Subscriptions.SubscriptionView>(p => p.Add(x => x.Id, id).Add(x => x.Link, IonPortal.Web.Components.Console.ConsoleLinks.To));
        var b = second.Render<IonPortal.Web.Components.Subscriptions.SubscriptionView>(p => p.Add(x => x.Id, id).Add(x => x.Link, IonPortal.Web.Components.Console.ConsoleLinks.To));
        string Seats(Bunit.IRenderedComponent<IonPortal.Web.Components.Subscriptions.SubscriptionView> page) => page.Find("[data-testid=seat-count]").TextContent.Trim();
        b.WaitForAssertion(() => Assert.Equal("5", Seats(b)));

        // One adds seats; the other's page follows, live.
        a.WaitForAssertion(() => Assert.Equal("5", Seats(a)));
        a.Type("add-seats", "2");
        await a.SubmitAsync("add-seats");
        a.WaitForAssertion(() => Assert.Equal("7", Seats(a)));
        b.WaitForAssertion(() => Assert.Equal("7", Seats(b)), TimeSpan.FromSeconds(10));

        // A change the page hasn't heard of (made without a notification): the next change from it is refused, and it shows what is there now.
        await factory.QueryAsync(db => db.Set<Subscription>().IgnoreQueryFilters().Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Version, s => s.Version + 1)));
        b.Type("add-seats", "1");
        await b.SubmitAsync("add-seats");
        b.WaitForAssertion(() => Assert.Contains("Someone else changed this subscription meanwhile", second.Notices));
        Assert.Equal("7", Seats(b));
        Assert.Equal(7, await factory.QueryAsync(db => db.Set<Subscription>().IgnoreQueryFilters().Where(s => s.Id == id).Select(s => s.Quantity).SingleAsync()));
    }
}
