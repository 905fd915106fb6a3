using IonPortal.Core.Catalog;
using IonPortal.Core.Data;
using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.Orders;

/// <summary>Where an order is: placed → provisioning → completed, or failed (and retried), or cancelled.</summary>
public enum OrderStatus
{
    Placed,
    Provisioning,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>
/// What a customer bought (or its reseller bought for it) from one provider: lines of plans with the
/// prices of that moment, so a later price change never rewrites an order. Placed once per
/// checkout key; provisioned by a job.
/// </summary>
public sealed class Order : ITenantOwned, IChangeTagged
{
    IEnumerable<string> IChangeTagged.ChangeTags => [ChangeTags.Order(Id)];

    public Guid Id { get; init; }

    public Guid ResellerId { get; init; }

    /// <summary>The number people quote ("order 1042"), from a database sequence.</summary>
    public long Number { get; init; }

    public Guid CustomerId { get; init; }

    /// <summary>The checkout's key: a double click or a retried post with the same key finds this order instead of placing another.</summary>
    public Guid CheckoutKey { get; init; }

    /// <summary>The <see cref="CloudProviders"/> code of the provider that provisions every line.</summary>
    public string Provider { get; init; } = "";

    public string Currency { get; init; } = "";

    /// <summary>The lines' price per charge, summed (lines charged differently still add up to what the first invoice asks).</summary>
    public decimal Total { get; init; }

    public OrderStatus Status { get; private set; }

    public DateTimeOffset PlacedAt { get; init; }

    public string PlacedBy { get; init; } = "";

    /// <summary>Who placed it, to tell them how provisioning ended; null when the platform did.</summary>
    public Guid? PlacedByUserId { get; init; }

    /// <summary>True when the customer ordered in its portal; false when its reseller did, in the console.</summary>
    public bool PlacedByCustomer { get; init; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Why provisioning failed, as a problem of the vocabulary (the reader's language).</summary>
    public string? FailureProblem { get; private set; }

    public List<OrderLine> Lines { get; init; } = [];

    public List<OrderEvent> History { get; init; } = [];

    public bool MayRetry => Status == OrderStatus.Failed;

    public bool MayCancel => Status is OrderStatus.Placed or OrderStatus.Failed;

    internal void MoveTo(OrderStatus status, string by, DateTimeOffset at, string? problem = null)
    {
        Status = status;
        FailureProblem = status == OrderStatus.Failed ? problem : null;
        if (status == OrderStatus.Completed)
            CompletedAt = at;
        History.Add(new OrderEvent { Id = Guid.CreateVersion7(at), OrderId = Id, Status = status, At = at, By = by, Problem = problem });
    }
}

/// <summary>A plan on an order, with its name and prices as they were when the order was placed.</summary>
public sealed class OrderLine
{
    public Guid OrderId { get; init; }

    public int LineNumber { get; init; }

    public Guid PlanId { get; init; }

    public Guid ProductId { get; init; }

    public string ProductName { get; init; } = "";

    public string PlanName { get; init; } = "";

    public string Sku { get; init; } = "";

    public Term Term { get; init; }

    public BillingFrequency Billing { get; init; }

    public string Unit { get; init; } = "";

    public int Quantity { get; init; }

    /// <summary>The customer's price per unit per charge, from its price book for the provider.</summary>
    public decimal UnitPrice { get; init; }

    /// <summary>What the reseller pays per unit per charge.</summary>
    public decimal UnitCost { get; init; }

    /// <summary>The subscription provisioning made for this line.</summary>
    public Guid? SubscriptionId { get; set; }

    /// <summary>A click-to-run solution's parameters, as JSON; null for a licence line.</summary>
    public string? Parameters { get; init; }

    /// <summary>The deployment provisioning made for a solution line.</summary>
    public string? DeploymentId { get; set; }

    public bool IsSolution => Parameters is not null;

    public IReadOnlyDictionary<string, string> ParameterValues =>
        Parameters is null ? new Dictionary<string, string>() : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(Parameters)!;

    public decimal LineTotal => UnitPrice * Quantity;
}

/// <summary>A step of an order's life: its status, when, who (or "system"), and for a failure why.</summary>
public sealed class OrderEvent
{
    public Guid Id { get; init; }

    public Guid OrderId { get; init; }

    public OrderStatus Status { get; init; }

    public DateTimeOffset At { get; init; }

    public string By { get; init; } = "";

    public string? Problem { get; init; }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>, IEntityTypeConfiguration<OrderLine>, IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("orders");
        b.Property(o => o.Number).HasDefaultValueSql("nextval('order_numbers')").ValueGeneratedOnAdd();
        b.HasIndex(o => o.Number).IsUnique();
        b.HasIndex(o => new { o.ResellerId, o.CheckoutKey }).IsUnique();
        // The lists: newest first, per reseller and per customer.
        b.HasIndex(o => new { o.ResellerId, o.PlacedAt });
        b.HasIndex(o => new { o.CustomerId, o.PlacedAt });
        b.Property(o => o.Provider).HasMaxLength(16);
        b.Property(o => o.Currency).HasMaxLength(3);
        b.Property(o => o.Total).HasPrecision(14, 2);
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(o => o.PlacedBy).HasMaxLength(256);
        b.Property(o => o.FailureProblem).HasMaxLength(64);
        b.HasOne<Customers.Customer>().WithMany().HasForeignKey(o => o.CustomerId);
        b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(o => o.History).WithOne().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.ToTable("order_lines");
        b.HasKey(l => new { l.OrderId, l.LineNumber });
        b.Property(l => l.ProductName).HasMaxLength(120);
        b.Property(l => l.PlanName).HasMaxLength(120);
        b.Property(l => l.Sku).HasMaxLength(40);
        b.Property(l => l.Unit).HasMaxLength(40);
        b.Property(l => l.Term).HasConversion<string>().HasMaxLength(3);
        b.Property(l => l.Billing).HasConversion<string>().HasMaxLength(10);
        b.Property(l => l.UnitPrice).HasPrecision(12, 2);
        b.Property(l => l.UnitCost).HasPrecision(12, 2);
        b.HasOne<Plan>().WithMany().HasForeignKey(l => l.PlanId);
        b.Property(l => l.Parameters).HasColumnType("jsonb");
        b.Property(l => l.DeploymentId).HasMaxLength(200);
        b.Ignore(l => l.IsSolution);
        b.Ignore(l => l.ParameterValues);
    }

    public void Configure(EntityTypeBuilder<OrderEvent> b)
    {
        b.ToTable("order_events");
        b.HasIndex(e => new { e.OrderId, e.At });
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.By).HasMaxLength(256);
        b.Property(e => e.Problem).HasMaxLength(64);
    }
}
