using IonPortal.Core.Catalog;
using IonPortal.Core.Data;
using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.Subscriptions;

public enum SubscriptionStatus
{
    Active,
    Suspended,
    /// <summary>Cancelled inside its cancellation window.</summary>
    Cancelled,
    /// <summary>Ended at the end of its term, its renewal turned off.</summary>
    Expired,
}

/// <summary>What happened to a subscription, for its change history.</summary>
public enum SubscriptionChangeKind
{
    Purchased,
    SeatsAdded,
    SeatsRemoved,
    ReductionScheduled,
    ReductionWithdrawn,
    AutoRenewOn,
    AutoRenewOff,
    Suspended,
    Reactivated,
    Cancelled,
    Renewed,
    Expired,
    Upgraded,
    DowngradeScheduled,
    DowngradeWithdrawn,
    Downgraded,
    TransferredIn,
}

/// <summary>
/// A customer's running purchase of a plan at its provider: how many seats, its term and renewal,
/// and the seats still inside their cancellation window. Seats can be removed (or the whole
/// subscription cancelled) only within <see cref="CancellationWindow"/> of when they were bought,
/// per batch; after that a reduction waits for the renewal.
/// </summary>
public sealed class Subscription : ITenantOwned, IChangeTagged
{
    IEnumerable<string> IChangeTagged.ChangeTags => [ChangeTags.Subscription(Id)];

    /// <summary>Microsoft's window for removing seats or cancelling, from purchase or renewal, per batch of seats.</summary>
    public static readonly TimeSpan CancellationWindow = TimeSpan.FromDays(7);

    public Guid Id { get; init; }

    public Guid ResellerId { get; init; }

    public Guid CustomerId { get; init; }

    /// <summary>The order that bought it; none for a subscription transferred in from another reseller.</summary>
    public Guid? OrderId { get; init; }

    public string Provider { get; init; } = "";

    /// <summary>The provider's id for it (Partner Center's subscription id).</summary>
    public string ProviderSubscriptionId { get; private set; } = "";

    public Guid PlanId { get; private set; }

    public string ProductName { get; private set; } = "";

    public string PlanName { get; private set; } = "";

    public string Sku { get; private set; } = "";

    public Term Term { get; init; }

    public BillingFrequency Billing { get; init; }

    public string Unit { get; init; } = "";

    public string Currency { get; init; } = "";

    /// <summary>The price per unit per charge it was bought at.</summary>
    public decimal UnitPrice { get; private set; }

    public int MinQuantity { get; init; } = 1;

    public int MaxQuantity { get; init; } = 10_000;

    public int Quantity { get; private set; }

    public SubscriptionStatus Status { get; private set; }

    public bool AutoRenew { get; private set; } = true;

    public DateTimeOffset PurchasedAt { get; init; }

    /// <summary>When the current term ends: it renews (or expires) then.</summary>
    public DateTimeOffset RenewsAt { get; private set; }

    /// <summary>A reduction waiting for the renewal: the seats it will renew with.</summary>
    public int? PendingQuantity { get; private set; }

    /// <summary>A downgrade waiting for the renewal: the plan it will renew on, and its price as quoted.</summary>
    public Guid? PendingPlanId { get; private set; }

    public string? PendingPlanName { get; private set; }

    public decimal? PendingUnitPrice { get; private set; }

    /// <summary>Bumped by every change, so two people changing it at once can't both win.</summary>
    public int Version { get; private set; }

    public List<SeatBatch> Batches { get; init; } = [];

    public List<SubscriptionEvent> History { get; init; } = [];

    public bool IsLive => Status is SubscriptionStatus.Active or SubscriptionStatus.Suspended;

    public static Subscription Purchased(Guid customerId, Guid orderId, string provider, string providerId, Plan plan, Orders.OrderLine line, string currency, string by, DateTimeOffset at)
    {
        var subscription = new Subscription
        {
            Id = Guid.CreateVersion7(at), CustomerId = customerId, OrderId = orderId, Provider = provider, ProviderSubscriptionId = providerId,
            PlanId = plan.Id, ProductName = line.ProductName, PlanName = line.PlanName, Sku = line.Sku, Term = line.Term, Billing = line.Billing,
            Unit = line.Unit, Currency = currency, UnitPrice = line.UnitPrice, MinQuantity = plan.MinQuantity, MaxQuantity = plan.MaxQuantity,
            Quantity = line.Quantity, PurchasedAt = at, RenewsAt = at.AddMonths(line.Term.Months()),
        };
        subscription.Batches.Add(SeatBatch.Of(subscription.Id, line.Quantity, at));
        subscription.Record(SubscriptionChangeKind.Purchased, by, at, 0, line.Quantity);
        return subscription;
    }

    /// <summary>A subscription the customer moved to the reseller from elsewhere (a Google transfer): its seats are past any cancellation window.</summary>
    public static Subscription TransferredIn(Customers.Customer customer, string providerId, Plan plan, int seats, string currency, decimal unitPrice, DateTimeOffset renewsAt, string by, DateTimeOffset at)
    {
        var subscription = new Subscription
        {
            Id = Guid.CreateVersion7(at), ResellerId = customer.ResellerId, CustomerId = customer.Id, Provider = plan.Product!.Provider, ProviderSubscriptionId = providerId,
            PlanId = plan.Id, ProductName = plan.Product.Name, PlanName = plan.Name, Sku = plan.Sku, Term = plan.Term, Billing = plan.Billing, Unit = plan.Unit,
            Currency = currency, UnitPrice = unitPrice, MinQuantity = plan.MinQuantity, MaxQuantity = plan.MaxQuantity, Quantity = seats, PurchasedAt = at, RenewsAt = renewsAt,
        };
        subscription.Record(SubscriptionChangeKind.TransferredIn, by, at, 0, seats);
        return subscription;
    }

    /// <summary>The seats that can still be removed now: those of batches inside their window.</summary>
    public int RemovableAt(DateTimeOffset now) => Batches.Where(b => b.IsInWindowAt(now)).Sum(b => b.Quantity);

    /// <summary>Cancelling is removing every seat: possible only while all of them are inside their window.</summary>
    public bool MayCancelAt(DateTimeOffset now) => Status == SubscriptionStatus.Active && RemovableAt(now) >= Quantity;

    internal void AddSeats(int seats, string by, DateTimeOffset at)
    {
        Batches.Add(SeatBatch.Of(Id, seats, at));
        Record(SubscriptionChangeKind.SeatsAdded, by, at, Quantity, Quantity += seats);
    }

    /// <summary>Removes seats now, newest batches first (they are the last to leave their window).</summary>
    internal void RemoveSeats(int seats, string by, DateTimeOffset at)
    {
        var left = seats;
        foreach (var batch in Batches.Where(b => b.IsInWindowAt(at)).OrderByDescending(b => b.AddedAt))
        {
            var taken = Math.Min(left, batch.Quantity);
            batch.Quantity -= taken;
            left -= taken;
            if (left == 0)
                break;
        }
        if (left > 0)
            throw new InvalidOperationException("Only seats inside their cancellation window can be removed now.");
        Record(SubscriptionChangeKind.SeatsRemoved, by, at, Quantity, Quantity -= seats);
    }

    internal void ScheduleReduction(int quantity, string by, DateTimeOffset at)
    {
        PendingQuantity = quantity;
        Record(SubscriptionChangeKind.ReductionScheduled, by, at, Quantity, quantity);
    }

    internal void WithdrawReduction(string by, DateTimeOffset at)
    {
        Record(SubscriptionChangeKind.ReductionWithdrawn, by, at, PendingQuantity, Quantity);
        PendingQuantity = null;
    }

    /// <summary>Moves it to another plan now (an upgrade made at the provider, under a new provider id).</summary>
    internal void ChangePlan(PlanChange change, string providerId, SubscriptionChangeKind kind, string by, DateTimeOffset at)
    {
        (PlanId, ProductName, PlanName, Sku, UnitPrice, ProviderSubscriptionId) = (change.PlanId, change.ProductName, change.PlanName, change.Sku, change.UnitPrice, providerId);
        PendingPlanId = null;
        (PendingPlanName, PendingUnitPrice) = (null, null);
        Record(kind, by, at, Quantity, Quantity, change.PlanName);
    }

    internal void ScheduleDowngrade(PlanChange change, string by, DateTimeOffset at)
    {
        (PendingPlanId, PendingPlanName, PendingUnitPrice) = (change.PlanId, change.PlanName, change.UnitPrice);
        Record(SubscriptionChangeKind.DowngradeScheduled, by, at, null, null, change.PlanName);
    }

    internal void WithdrawDowngrade(string by, DateTimeOffset at)
    {
        Record(SubscriptionChangeKind.DowngradeWithdrawn, by, at, null, null, PendingPlanName);
        (PendingPlanId, PendingPlanName, PendingUnitPrice) = (null, null, null);
    }

    internal void SetAutoRenew(bool on, string by, DateTimeOffset at)
    {
        AutoRenew = on;
        Record(on ? SubscriptionChangeKind.AutoRenewOn : SubscriptionChangeKind.AutoRenewOff, by, at, null, null);
    }

    internal void Suspend(string by, DateTimeOffset at)
    {
        Status = SubscriptionStatus.Suspended;
        Record(SubscriptionChangeKind.Suspended, by, at, null, null);
    }

    internal void Reactivate(string by, DateTimeOffset at)
    {
        Status = SubscriptionStatus.Active;
        Record(SubscriptionChangeKind.Reactivated, by, at, null, null);
    }

    internal void Cancel(string by, DateTimeOffset at)
    {
        foreach (var batch in Batches)
            batch.Quantity = 0;
        Status = SubscriptionStatus.Cancelled;
        Record(SubscriptionChangeKind.Cancelled, by, at, Quantity, 0);
        Quantity = 0;
    }

    /// <summary>At the end of its term: renews with any pending reduction (its seats in a fresh window), or expires when its renewal is off.</summary>
    internal void Renew(string by, DateTimeOffset at)
    {
        if (!AutoRenew)
        {
            Status = SubscriptionStatus.Expired;
            Record(SubscriptionChangeKind.Expired, by, at, Quantity, Quantity);
            return;
        }
        var before = Quantity;
        Quantity = PendingQuantity ?? Quantity;
        PendingQuantity = null;
        foreach (var batch in Batches)
            batch.Quantity = 0;
        Batches.Add(SeatBatch.Of(Id, Quantity, RenewsAt));
        RenewsAt = RenewsAt.AddMonths(Term.Months());
        Record(SubscriptionChangeKind.Renewed, by, at, before, Quantity);
    }

    private void Record(SubscriptionChangeKind kind, string by, DateTimeOffset at, int? from, int? to, string? plan = null)
    {
        Version++;
        History.Add(new SubscriptionEvent { Id = Guid.CreateVersion7(at), SubscriptionId = Id, Kind = kind, At = at, By = by, FromQuantity = from, ToQuantity = to, Plan = plan });
    }
}

/// <summary>Seats bought together (at purchase, at a renewal, or added later): they share one cancellation window.</summary>
public sealed class SeatBatch
{
    public Guid Id { get; init; }

    public Guid SubscriptionId { get; init; }

    /// <summary>How many of the batch's seats are still held (removing seats takes them from here).</summary>
    public int Quantity { get; set; }

    public DateTimeOffset AddedAt { get; init; }

    public DateTimeOffset WindowEndsAt => AddedAt + Subscription.CancellationWindow;

    /// <summary>Inside the window up to, but not at, its end.</summary>
    public bool IsInWindowAt(DateTimeOffset now) => Quantity > 0 && now < WindowEndsAt;

    internal static SeatBatch Of(Guid subscriptionId, int quantity, DateTimeOffset at) =>
        new() { Id = Guid.CreateVersion7(at), SubscriptionId = subscriptionId, Quantity = quantity, AddedAt = at };
}

public sealed class SubscriptionEvent
{
    public Guid Id { get; init; }

    public Guid SubscriptionId { get; init; }

    public SubscriptionChangeKind Kind { get; init; }

    public DateTimeOffset At { get; init; }

    public string By { get; init; } = "";

    public int? FromQuantity { get; init; }

    public int? ToQuantity { get; init; }

    /// <summary>For a plan change: the plan it moved (or will move) to.</summary>
    public string? Plan { get; init; }
}

/// <summary>A plan a subscription can move to, priced for its customer.</summary>
public sealed record PlanChange(Guid PlanId, string ProductName, string PlanName, string Sku, decimal UnitPrice);

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>, IEntityTypeConfiguration<SeatBatch>, IEntityTypeConfiguration<SubscriptionEvent>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.ToTable("subscriptions");
        b.HasIndex(s => new { s.ResellerId, s.PurchasedAt });
        b.HasIndex(s => new { s.CustomerId, s.PurchasedAt });
        b.HasIndex(s => new { s.Provider, s.ProviderSubscriptionId }).IsUnique();
        // The renewal sweep: live subscriptions by when their term ends.
        b.HasIndex(s => s.RenewsAt).HasFilter("status IN ('Active', 'Suspended')").HasDatabaseName("ix_subscriptions_due");
        b.Property(s => s.Provider).HasMaxLength(16);
        b.Property(s => s.ProviderSubscriptionId).HasMaxLength(64);
        b.Property(s => s.ProductName).HasMaxLength(120);
        b.Property(s => s.PlanName).HasMaxLength(120);
        b.Property(s => s.Sku).HasMaxLength(40);
        b.Property(s => s.Unit).HasMaxLength(40);
        b.Property(s => s.Currency).HasMaxLength(3);
        b.Property(s => s.Term).HasConversion<string>().HasMaxLength(3);
        b.Property(s => s.Billing).HasConversion<string>().HasMaxLength(10);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(s => s.UnitPrice).HasPrecision(12, 2);
        b.Property(s => s.PendingUnitPrice).HasPrecision(12, 2);
        b.Property(s => s.PendingPlanName).HasMaxLength(120);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.Ignore(s => s.IsLive);
        b.HasOne<Customers.Customer>().WithMany().HasForeignKey(s => s.CustomerId);
        b.HasOne<Orders.Order>().WithMany().HasForeignKey(s => s.OrderId).IsRequired(false);
        b.HasOne<Plan>().WithMany().HasForeignKey(s => s.PlanId);
        b.HasMany(s => s.Batches).WithOne().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.History).WithOne().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<SeatBatch> b)
    {
        b.ToTable("seat_batches");
        b.HasIndex(x => x.SubscriptionId);
        b.Ignore(x => x.WindowEndsAt);
    }

    public void Configure(EntityTypeBuilder<SubscriptionEvent> b)
    {
        b.ToTable("subscription_events");
        b.HasIndex(x => new { x.SubscriptionId, x.At });
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.By).HasMaxLength(256);
        b.Property(x => x.Plan).HasMaxLength(120);
    }
}
