using IonPortal.Core.Accounts;
using IonPortal.Core.Catalog;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.MicrosoftTenants;
using IonPortal.Core.Orders;
using IonPortal.Core.Paging;
using IonPortal.Core.Pricing;
using IonPortal.Core.Resellers;
using IonPortal.Core.Subscriptions;
using IonPortal.Core.Validation;
using IonPortal.Core.VendorPrograms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IonPortal.Core.Tests;

/// <summary>Checkout's checks and prices, placing once per key, and the subscriptions' window and version rules.</summary>
public class OrdersTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private DomainHarness _harness = default!;
    private Reseller _ses = default!;
    private PortalUser _sales = default!;
    private Shop _shop = default!;

    public async Task InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync("orders", _clock);
        _ses = await _harness.AddResellerAsync("ses");
        _sales = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Sales, "sales@ses.test");
        _shop = await Shop.OpenAsync(_harness, _ses.Id, "Contoso", enabledInPortal: false);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private AsyncServiceScope As(PortalUser user) => _harness.Scope(_ses.Id, user);

    private async Task<CheckoutQuote> QuoteAsync(PortalUser user, int quantity = 5, string provider = "microsoft", Guid? plan = null)
    {
        await using var scope = As(user);
        return (await scope.ServiceProvider.GetRequiredService<Checkout>().QuoteAsync(_shop.Customer, provider, [new CartLine(plan ?? _shop.Plan, quantity)]))!;
    }

    [Fact]
    public async Task A_ready_cart_is_priced_by_the_customers_book_for_the_provider()
    {
        var quote = await QuoteAsync(_sales, quantity: 5);

        Assert.True(quote.IsReady, string.Join("; ", quote.Problems.Select(p => p.Block)));
        Assert.Equal("USD", quote.Currency);
        var line = Assert.Single(quote.Lines);
        Assert.Equal(12.00m, line.UnitPrice);   // 10.00 list, +20 % in the customer's book
        Assert.Equal(8.00m, line.UnitCost);
        Assert.Equal(60.00m, quote.Total);
    }

    [Fact]
    public async Task Each_failing_check_is_named_with_how_to_fix_it()
    {
        await _shop.BreakAsync(db => db.Set<Customer>().Where(c => c.Id == _shop.Customer).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CustomerStatus.Suspended)));
        Assert.Contains((await QuoteAsync(_sales)).Problems, p => p.Block == CheckoutBlock.CustomerNotActive && p.Problem == Problems.CustomerNotActive);
        await _shop.BreakAsync(db => db.Set<Customer>().Where(c => c.Id == _shop.Customer).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CustomerStatus.Active)));

        await _shop.BreakAsync(db => db.Set<ProgramEnrollment>().ExecuteDeleteAsync());
        Assert.Equal([CheckoutBlock.ProgramNotApproved], (await QuoteAsync(_sales)).Problems.Select(p => p.Block));
        await _shop.ApproveProgramAsync();

        await _shop.BreakAsync(db => db.Set<CustomerAgreement>().ExecuteDeleteAsync());
        Assert.Equal([CheckoutBlock.AgreementNotAccepted], (await QuoteAsync(_sales)).Problems.Select(p => p.Block));
        await _shop.BreakAsync(db => db.Set<MicrosoftTenant>().ExecuteDeleteAsync());
        Assert.Equal([CheckoutBlock.TenantNotLinked], (await QuoteAsync(_sales)).Problems.Select(p => p.Block));
    }

    [Fact]
    public async Task A_provider_the_customer_isnt_authorized_for_or_the_portal_cant_provision_is_refused()
    {
        var google = await QuoteAsync(_sales, provider: "google", plan: _shop.GooglePlan);

        Assert.Contains(google.Problems, p => p.Block == CheckoutBlock.ProviderNotAuthorized);
        Assert.Contains(google.Problems, p => p.Block == CheckoutBlock.ProviderNotConnected);
        // A plan of another provider can't be slipped into a Microsoft order.
        Assert.Contains((await QuoteAsync(_sales, plan: _shop.GooglePlan)).Problems, p => p.Block == CheckoutBlock.PlanUnavailable && p.Line == 1);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public async Task Quantities_are_held_to_the_plans_limits(int quantity, bool ready)
    {
        var quote = await QuoteAsync(_sales, quantity);

        Assert.Equal(ready, quote.IsReady);
        if (!ready)
            Assert.Equal(Problems.QuantityOutOfRange(1, 300), Assert.Single(quote.Problems).Problem);
    }

    [Fact]
    public async Task A_retired_plan_cant_be_bought()
    {
        await _shop.BreakAsync(db => db.Set<Plan>().Where(p => p.Id == _shop.Plan).ExecuteUpdateAsync(u => u.SetProperty(p => p.RetiredAt, Start)));

        Assert.Equal([CheckoutBlock.PlanUnavailable], (await QuoteAsync(_sales)).Problems.Select(p => p.Block));
    }

    [Fact]
    public async Task A_customers_admin_orders_only_providers_enabled_in_its_portal_and_only_for_its_own_company()
    {
        var admin = await _harness.AddUserAsync(PortalUser.CustomerPerson(_ses.Id, _shop.Customer, PortalRoles.CustomerAdmin, "admin@contoso.test", "Ada", Start));
        Assert.Equal([CheckoutBlock.ProviderNotInPortal], (await QuoteAsync(admin)).Problems.Select(p => p.Block));

        await _shop.BreakAsync(db => db.Set<ProviderAuthorization>().ExecuteUpdateAsync(u => u.SetProperty(a => a.EnabledInPortal, true)));
        Assert.True((await QuoteAsync(admin)).IsReady);

        var other = await Shop.OpenAsync(_harness, _ses.Id, "Fabrikam", enabledInPortal: true, approveProgram: false);
        await using var scope = As(admin);
        Assert.Null(await scope.ServiceProvider.GetRequiredService<Checkout>().QuoteAsync(other.Customer, "microsoft", [new CartLine(other.Plan, 1)]));
        Assert.Equal(OutcomeStatus.NotFound, (await scope.ServiceProvider.GetRequiredService<Checkout>().PlaceAsync(other.Customer, "microsoft", [new CartLine(other.Plan, 1)], Guid.NewGuid())).Status);
    }

    [Fact]
    public async Task Another_resellers_customer_is_not_found()
    {
        var north = await _harness.AddResellerAsync("north");
        var northSales = await _harness.AddStaffAsync(north.Id, PortalRoles.Sales, "sales@north.test");
        await using var scope = _harness.Scope(north.Id, northSales);

        Assert.Null(await scope.ServiceProvider.GetRequiredService<Checkout>().QuoteAsync(_shop.Customer, "microsoft", [new CartLine(_shop.Plan, 1)]));
        Assert.Equal(OutcomeStatus.NotFound, (await scope.ServiceProvider.GetRequiredService<Checkout>().PlaceAsync(_shop.Customer, "microsoft", [new CartLine(_shop.Plan, 1)], Guid.NewGuid())).Status);
    }

    [Fact]
    public async Task Placing_twice_with_one_key_places_one_order_with_its_prices_kept()
    {
        var key = Guid.NewGuid();
        // A double click: two posts with the same key at the same moment, then a retried one.
        var posts = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var scope = As(_sales);
            return await scope.ServiceProvider.GetRequiredService<Checkout>().PlaceAsync(_shop.Customer, "microsoft", [new CartLine(_shop.Plan, 5)], key);
        }));
        await using (var scope = As(_sales))
            posts = [.. posts, await scope.ServiceProvider.GetRequiredService<Checkout>().PlaceAsync(_shop.Customer, "microsoft", [new CartLine(_shop.Plan, 5)], key)];

        Assert.All(posts, p => Assert.True(p.IsDone, p.Problem?.Key));
        Assert.Single(posts.Select(p => p.Value.Id).Distinct());
        await _shop.BreakAsync(db => db.Set<PriceBook>().ExecuteUpdateAsync(u => u.SetProperty(b => b.DefaultAdjustmentPercent, 50m)));
        await using var read = As(_sales);
        var db = read.ServiceProvider.GetRequiredService<PortalDbContext>();
        var order = await db.Set<Order>().Include(o => o.Lines).Include(o => o.History).SingleAsync();
        Assert.Equal((OrderStatus.Placed, 60.00m, 12.00m, 8.00m), (order.Status, order.Total, order.Lines[0].UnitPrice, order.Lines[0].UnitCost));
        Assert.Equal("sales@ses.test", order.PlacedBy);
        // One job, stamped with its reseller (workers claim across resellers, then act inside this one).
        Assert.Equal(_ses.Id, (await db.Set<ProvisioningJob>().SingleAsync(j => j.OrderId == order.Id)).ResellerId);
    }

    [Fact]
    public async Task An_order_that_fails_a_check_is_not_placed()
    {
        await using var scope = As(_sales);
        var outcome = await scope.ServiceProvider.GetRequiredService<Checkout>().PlaceAsync(_shop.Customer, "microsoft", [new CartLine(_shop.Plan, 301)], Guid.NewGuid());

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal(Problems.QuantityOutOfRange(1, 300), outcome.Problem);
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<Order>().CountAsync());
    }

    [Fact]
    public async Task Seats_can_be_removed_only_inside_their_batchs_window_up_to_its_last_second()
    {
        var subscription = Subscription.Purchased(Guid.NewGuid(), Guid.NewGuid(), "microsoft", "pc-1", new Plan { Id = Guid.NewGuid(), MaxQuantity = 300 },
            new OrderLine { Quantity = 10, Term = Term.P1Y }, "USD", "test", Start);
        subscription.AddSeats(5, "test", Start.AddDays(3));

        Assert.Equal(15, subscription.RemovableAt(Start.AddDays(7).AddSeconds(-1)));
        Assert.True(subscription.MayCancelAt(Start.AddDays(7).AddSeconds(-1)));
        Assert.Equal(5, subscription.RemovableAt(Start.AddDays(7)));          // the first batch's window has closed
        Assert.False(subscription.MayCancelAt(Start.AddDays(7)));
        Assert.Equal(5, subscription.RemovableAt(Start.AddDays(10).AddSeconds(-1)));
        Assert.Equal(0, subscription.RemovableAt(Start.AddDays(10)));

        subscription.RemoveSeats(3, "test", Start.AddDays(8));                  // from the batch still in its window
        Assert.Equal((12, 2), (subscription.Quantity, subscription.RemovableAt(Start.AddDays(8))));
        Assert.Throws<InvalidOperationException>(() => subscription.RemoveSeats(3, "test", Start.AddDays(8)));
    }

    [Fact]
    public async Task A_renewal_applies_the_pending_reduction_and_opens_a_new_window()
    {
        var subscription = Subscription.Purchased(Guid.NewGuid(), Guid.NewGuid(), "microsoft", "pc-1", new Plan { Id = Guid.NewGuid() },
            new OrderLine { Quantity = 10, Term = Term.P1M }, "USD", "test", Start);
        subscription.ScheduleReduction(4, "test", Start.AddDays(20));

        subscription.Renew("renewal", Start.AddMonths(1));

        Assert.Equal((4, (int?)null, Start.AddMonths(2)), (subscription.Quantity, subscription.PendingQuantity, subscription.RenewsAt));
        Assert.Equal(4, subscription.RemovableAt(Start.AddMonths(1).AddDays(6)));
        Assert.Equal(0, subscription.RemovableAt(Start.AddMonths(1).AddDays(7)));

        subscription.SetAutoRenew(false, "test", Start.AddMonths(1).AddDays(8));
        subscription.Renew("renewal", Start.AddMonths(2));
        Assert.Equal(SubscriptionStatus.Expired, subscription.Status);
    }

    [Fact]
    public async Task A_reduction_outside_the_window_is_scheduled_for_the_renewal()
    {
        var id = (await SubscribeAsync(_harness, _ses.Id, _shop.Customer, enabledInPortal: false, at: Start)).Id;
        _clock.SetUtcNow(Start.AddDays(8));
        await using var scope = As(_sales);
        var subscriptions = scope.ServiceProvider.GetRequiredService<Subscriptions.Subscriptions>();

        var reduced = await subscriptions.ReduceSeatsAsync(id, version: 1, quantity: 6);

        Assert.Equal(Effective.AtRenewal, reduced.Value);
        var stored = await subscriptions.FindAsync(id);
        Assert.Equal((10, (int?)6, 2), (stored!.Quantity, stored.PendingQuantity, stored.Version));
        Assert.Equal(SubscriptionChangeKind.ReductionScheduled, stored.History[0].Kind);
        Assert.Equal(Problems.ReducedSeatsOutOfRange(1, 9), (await subscriptions.ReduceSeatsAsync(id, 2, quantity: 10)).Errors["Quantity"]);
        Assert.False(await subscriptions.CancelAsync(id, 2) is { IsDone: true });
    }

    [Fact]
    public async Task Of_two_people_changing_a_subscription_at_once_one_wins_and_the_other_is_told()
    {
        var id = (await SubscribeAsync(_harness, _ses.Id, _shop.Customer, enabledInPortal: false, at: Start)).Id;
        _clock.SetUtcNow(Start.AddDays(8));

        var outcomes = await Task.WhenAll(new[] { 4, 6 }.Select(async quantity =>
        {
            await using var scope = As(_sales);
            return await scope.ServiceProvider.GetRequiredService<Subscriptions.Subscriptions>().ReduceSeatsAsync(id, version: 1, quantity);
        }));

        Assert.Single(outcomes, o => o.IsDone);
        Assert.Equal(Problems.SubscriptionChangedMeanwhile, Assert.Single(outcomes, o => !o.IsDone).Problem);
        await using var read = As(_sales);
        Assert.Equal(2, (await read.ServiceProvider.GetRequiredService<Subscriptions.Subscriptions>().FindAsync(id))!.Version);
    }

    [Fact]
    public async Task Orders_and_subscriptions_of_another_reseller_or_another_customer_are_not_found()
    {
        var subscription = await SubscribeAsync(_harness, _ses.Id, _shop.Customer, enabledInPortal: true, at: Start);
        var north = await _harness.AddResellerAsync("north");
        var northSales = await _harness.AddStaffAsync(north.Id, PortalRoles.Sales, "sales@north.test");
        var other = await Shop.OpenAsync(_harness, _ses.Id, "Fabrikam", enabledInPortal: true, approveProgram: false);
        var stranger = await _harness.AddUserAsync(PortalUser.CustomerPerson(_ses.Id, other.Customer, PortalRoles.CustomerAdmin, "admin@fabrikam.test", "Fay", Start));

        foreach (var scope in new[] { _harness.Scope(north.Id, northSales), _harness.Scope(_ses.Id, stranger) })
        {
            await using var _ = scope;
            var subscriptions = scope.ServiceProvider.GetRequiredService<Subscriptions.Subscriptions>();
            var orders = scope.ServiceProvider.GetRequiredService<Orders.Orders>();
            Assert.Null(await subscriptions.FindAsync(subscription.Id));
            Assert.Null(await orders.FindAsync(subscription.OrderId!.Value));
            Assert.Equal(OutcomeStatus.NotFound, (await subscriptions.AddSeatsAsync(subscription.Id, 1, 1)).Status);
            Assert.Equal(OutcomeStatus.NotFound, (await orders.CancelAsync(subscription.OrderId!.Value)).Status);
            Assert.Empty((await subscriptions.ListAsync(null, null, null, new PageRequest())).Items);
            Assert.Empty((await orders.ListAsync(new OrderFilter(), new PageRequest())).Items);
            // Asking for the other customer's list by its id still shows only their own.
            Assert.Empty((await orders.ListAsync(new OrderFilter(CustomerId: _shop.Customer), new PageRequest())).Items);
        }
    }

    /// <summary>A subscription of 10 seats of the shop's plan, bought at <paramref name="at"/> on a completed order.</summary>
    internal static async Task<Subscription> SubscribeAsync(DomainHarness harness, Guid resellerId, Guid customerId, bool enabledInPortal, DateTimeOffset? at = null)
    {
        var now = at ?? DateTimeOffset.UtcNow;
        var shop = await Shop.ForAsync(harness, resellerId, customerId, enabledInPortal);
        await using var scope = harness.Scope(resellerId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var plan = await db.Set<Plan>().FirstAsync(p => p.Id == shop.Plan);
        var line = new OrderLine { LineNumber = 1, PlanId = plan.Id, ProductId = plan.ProductId, ProductName = "Microsoft 365 Business Standard", PlanName = plan.Name,
            Sku = plan.Sku, Term = plan.Term, Billing = plan.Billing, Unit = plan.Unit, Quantity = 10, UnitPrice = 12m, UnitCost = 8m };
        var order = new Order { Id = Guid.CreateVersion7(), CustomerId = customerId, CheckoutKey = Guid.NewGuid(), Provider = "microsoft", Currency = "USD", Total = 120m,
            PlacedAt = now, PlacedBy = "test", Lines = [line] };
        order.MoveTo(OrderStatus.Completed, "test", now);
        var subscription = Subscription.Purchased(customerId, order.Id, "microsoft", Guid.NewGuid().ToString(), plan, line, "USD", "test", now);
        db.AddRange(order, subscription);
        await db.SaveChangesAsync();
        return subscription;
    }
}

/// <summary>
/// A customer ready to buy Microsoft from its reseller: active, authorized with a book 20 % over list,
/// the reseller's CSP program approved, the tenant linked and the agreement accepted; a business plan
/// at 10.00 list / 8.00 cost (1–300 seats), and a Google plan.
/// </summary>
internal sealed record Shop(DomainHarness Harness, Guid ResellerId, Guid Customer, Guid Plan, Guid GooglePlan)
{
    public static async Task<Shop> OpenAsync(DomainHarness harness, Guid resellerId, string company, bool enabledInPortal, bool approveProgram = true)
    {
        var customer = await harness.AddCustomerAsync(resellerId, company);
        var shop = await ForAsync(harness, resellerId, customer.Id, enabledInPortal);
        if (approveProgram)
            await shop.ApproveProgramAsync();
        return shop;
    }

    public static async Task<Shop> ForAsync(DomainHarness harness, Guid resellerId, Guid customerId, bool enabledInPortal)
    {
        await using var scope = harness.Scope(resellerId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = DateTimeOffset.UtcNow;
        var plans = await db.Set<Plan>().Include(p => p.Product).Where(p => p.Sku == "MS-BST-P1Y" || p.Sku == "GW-STD-P1Y").ToListAsync();
        if (plans.Count == 0)
        {
            foreach (var (code, provider, product, sku) in new[] { ("MSFT", "microsoft", "Microsoft 365 Business Standard", "MS-BST-P1Y"), ("GOOG", "google", "Google Workspace Business Standard", "GW-STD-P1Y") })
            {
                var vendor = new Vendor { Id = Guid.CreateVersion7(), Name = code, CreatedAt = now };
                var p = new Product { Id = Guid.CreateVersion7(), VendorId = vendor.Id, Name = product, Category = "Productivity", Provider = provider, CreatedAt = now };
                var plan = new Plan { Id = Guid.CreateVersion7(), ProductId = p.Id, Product = p, Sku = sku, Name = "Annual, paid monthly", Term = Term.P1Y, Billing = BillingFrequency.Monthly,
                    Unit = "user", MaxQuantity = 300, CreatedAt = now };
                plan.Prices.Add(new PlanPrice { PlanId = plan.Id, Currency = "USD", ListPrice = 10m, Cost = 8m });
                db.AddRange(vendor, p, plan);
                plans.Add(plan);
            }
        }
        var book = await db.Set<PriceBook>().FirstOrDefaultAsync();
        if (book is null)
            db.Add(book = new PriceBook { Id = Guid.CreateVersion7(), ResellerId = resellerId, Name = "Key accounts", Currency = "USD", Basis = PriceBasis.ListPrice, DefaultAdjustmentPercent = 20m, CreatedAt = now, UpdatedAt = now });
        var customer = await db.Set<Customer>().FirstAsync(c => c.Id == customerId);
        customer.Status = CustomerStatus.Active;
        if (!await db.Set<ProviderAuthorization>().AnyAsync(a => a.CustomerId == customerId))
            db.Add(new ProviderAuthorization { CustomerId = customerId, ResellerId = resellerId, Provider = "microsoft", PriceBookId = book.Id, Currency = "USD", EnabledInPortal = enabledInPortal, CreatedAt = now });
        if (!await db.Set<MicrosoftTenant>().AnyAsync(t => t.CustomerId == customerId))
        {
            var tenant = MicrosoftTenant.For(customer);
            tenant.Link(Guid.NewGuid(), customer.CompanyName.ToLowerInvariant() + ".test", createdHere: false, now);
            var agreement = CustomerAgreement.For(customerId, resellerId);
            agreement.Accept(new AgreementSigner("Ana", "Ruiz", "ana@example.test", "+1 415 555 0100"), DateOnly.FromDateTime(now.UtcDateTime),
                scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PartnerCenter.PartnerCenterOptions>>().Value.CustomerAgreementTemplateId, AgreementAcceptedBy.Customer, now);
            db.AddRange(tenant, agreement);
        }
        await db.SaveChangesAsync();
        return new Shop(harness, resellerId, customerId, plans.Single(p => p.Product!.Provider == "microsoft").Id, plans.Single(p => p.Product!.Provider == "google").Id);
    }

    public async Task ApproveProgramAsync()
    {
        await using var scope = Harness.Scope(ResellerId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (!await db.Set<ProgramEnrollment>().AnyAsync(e => e.ResellerId == ResellerId))
        {
            db.Add(ProgramEnrollment.Approved(ResellerId, "microsoft-csp", "reseller.test", "test", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }
    }

    /// <summary>Changes the world behind the services' back (a suspension, a revoked program, …).</summary>
    public async Task BreakAsync(Func<PortalDbContext, Task<int>> change)
    {
        await using var scope = Harness.Scope(ResellerId);
        await change(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }
}
