using IonPortal.Core.Data;
using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.Billing;

public enum UsageSource
{
    /// <summary>A daily rated usage reconciliation file uploaded in the console.</summary>
    File,
    /// <summary>The provider's daily rated usage, imported by the scheduler one day at a time.</summary>
    Provider,
}

/// <summary>One import of usage: a file or a day of the provider's feed; the same one twice imports once.</summary>
public sealed class UsageImport : ITenantOwned
{
    public Guid Id { get; init; }

    public Guid ResellerId { get; init; }

    public UsageSource Source { get; init; }

    public string Name { get; init; } = "";

    /// <summary>The file's SHA-256, or the feed's day: what makes a second import of the same thing a no-op.</summary>
    public string Fingerprint { get; init; } = "";

    public int RowCount { get; init; }

    /// <summary>Rows whose provider customer matched none of the reseller's customers.</summary>
    public int UnmatchedRowCount { get; init; }

    /// <summary>Rows of a month already issued: they go to the next open statement.</summary>
    public int LateRowCount { get; init; }

    public decimal Cost { get; init; }

    public DateOnly FirstUsageDate { get; init; }

    public DateOnly LastUsageDate { get; init; }

    public DateTimeOffset ImportedAt { get; init; }

    public string ImportedBy { get; init; } = "";
}

/// <summary>
/// One row of rated usage as the provider sent it: a customer's use of a meter on a resource on a
/// day, what it cost the reseller, and the month it is billed in (a later one when it came in late).
/// </summary>
public sealed class UsageRecord : ITenantOwned
{
    public Guid ResellerId { get; init; }

    public DateOnly UsageDate { get; init; }

    public Guid ImportId { get; init; }

    /// <summary>The row's line in its file (or its place in the day's feed).</summary>
    public int Line { get; init; }

    public DateOnly BillingMonth { get; init; }

    public Guid? CustomerId { get; init; }

    public Guid? SubscriptionId { get; init; }

    public string ProviderCustomerId { get; init; } = "";



    public string ProviderSubscriptionId { get; init; } = "";


    public string MeterId { get; init; } = "";




    public string ResourceUri { get; init; } = "";

    public string ChargeType { get; init; } = "";


    public decimal Quantity { get; init; }

    public decimal Cost { get; init; }

    public string Currency { get; init; } = "";
}

/// <summary>Usage summed per customer, subscription and meter, per month used and month billed (kept by the import).</summary>
public sealed class UsageMonthly : ITenantOwned
{
    public Guid ResellerId { get; init; }

    public DateOnly UsageMonth { get; init; }

    public DateOnly BillingMonth { get; init; }

    public string ProviderCustomerId { get; init; } = "";

    public string ProviderSubscriptionId { get; init; } = "";

    public string MeterId { get; init; } = "";

    public string Currency { get; init; } = "";

    public Guid? CustomerId { get; init; }

    public Guid? SubscriptionId { get; init; }

    public string CustomerName { get; init; } = "";

    public string CustomerDomain { get; init; } = "";

    public string ProductName { get; init; } = "";

    public string MeterName { get; init; } = "";

    public string MeterCategory { get; init; } = "";

    public string Unit { get; init; } = "";

    public decimal Quantity { get; init; }

    public decimal Cost { get; init; }

    public int RowCount { get; init; }
}

/// <summary>A provider customer matched to a customer by hand, for usage whose tenant isn't linked.</summary>
public sealed class UsageCustomerMatch : ITenantOwned
{
    public Guid ResellerId { get; init; }

    public string ProviderCustomerId { get; init; } = "";

    public Guid CustomerId { get; init; }

    public DateTimeOffset MatchedAt { get; init; }

    public string MatchedBy { get; init; } = "";
}

/// <summary>A reseller's billing month: statements are drafts (run again as often as needed) until it is issued, then locked.</summary>
public sealed class BillingPeriod : ITenantOwned
{
    public Guid ResellerId { get; init; }

    /// <summary>The month's first day.</summary>
    public DateOnly Month { get; init; }

    public DateTimeOffset? LastRunAt { get; set; }

    public DateTimeOffset? IssuedAt { get; set; }

    public string? IssuedBy { get; set; }

    public bool IsIssued => IssuedAt is not null;
}

/// <summary>A customer's (non-payable) statement for a month: licence, usage and support lines, totalled per currency.</summary>
public sealed class Statement : ITenantOwned
{
    public Guid Id { get; init; }

    public Guid ResellerId { get; init; }

    public Guid CustomerId { get; init; }

    public DateOnly Month { get; init; }

    public long Number { get; init; }

    public string CustomerName { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public List<StatementTotal> Totals { get; init; } = [];

    public List<StatementLine> Lines { get; init; } = [];
}

public sealed class StatementTotal
{
    public Guid StatementId { get; init; }

    public string Currency { get; init; } = "";

    public decimal Licences { get; init; }

    public decimal Usage { get; init; }

    public decimal Support { get; init; }

    public decimal Total { get; init; }

    /// <summary>What the lines cost the reseller (never shown to the customer).</summary>
    public decimal Cost { get; init; }
}

public enum StatementLineKind
{
    Licence,
    Usage,
    Support,
}

/// <summary>One charge on a statement, with what it cost the reseller.</summary>
public sealed class StatementLine : ITenantOwned
{
    public Guid StatementId { get; init; }

    public int LineNumber { get; init; }

    public Guid ResellerId { get; init; }

    public Guid CustomerId { get; init; }

    public DateOnly Month { get; init; }

    public StatementLineKind Kind { get; init; }

    public Guid? SubscriptionId { get; init; }

    public string? ProviderSubscriptionId { get; init; }

    public string Vendor { get; init; } = "";

    public string ProductName { get; init; } = "";

    /// <summary>The plan, the meter or the support plan.</summary>
    public string Description { get; init; } = "";

    public string? MeterId { get; init; }

    /// <summary>For usage: the month it was used in (earlier than the statement's for late usage).</summary>
    public DateOnly? UsageMonth { get; init; }

    public DateOnly PeriodStart { get; init; }

    /// <summary>The last day charged, included.</summary>
    public DateOnly PeriodEnd { get; init; }

    /// <summary>For a prorated licence: the days charged of the days in its charge period.</summary>
    public int? Days { get; init; }

    public int? DaysInPeriod { get; init; }

    public decimal Quantity { get; init; }

    public string Unit { get; init; } = "";

    public decimal? UnitPrice { get; init; }

    public decimal Cost { get; init; }

    public decimal Price { get; init; }

    public string Currency { get; init; } = "";

    /// <summary>No price book covered it, so it was charged at cost (a gap to fix).</summary>
    public bool PricedAtCost { get; init; }

    public bool IsLate => UsageMonth is { } used && used < Month;
}

/// <summary>A person's saved billing report: its name and settings, to open again.</summary>
public sealed class SavedReport : ITenantOwned
{
    public Guid Id { get; init; }

    public Guid ResellerId { get; init; }

    public Guid OwnerId { get; init; }

    public string Name { get; set; } = "";

    /// <summary>The report's settings as JSON (<see cref="ReportSettings"/>).</summary>
    public string Settings { get; set; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class BillingConfiguration :
    IEntityTypeConfiguration<UsageImport>, IEntityTypeConfiguration<UsageRecord>, IEntityTypeConfiguration<UsageMonthly>, IEntityTypeConfiguration<UsageCustomerMatch>,
    IEntityTypeConfiguration<BillingPeriod>, IEntityTypeConfiguration<Statement>, IEntityTypeConfiguration<StatementTotal>,
    IEntityTypeConfiguration<StatementLine>, IEntityTypeConfiguration<SavedReport>
{
    public void Configure(EntityTypeBuilder<UsageImport> b)
    {
        b.ToTable("usage_imports");
        b.HasOne<Resellers.Reseller>().WithMany().HasForeignKey(i => i.ResellerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => new { i.ResellerId, i.Fingerprint }).IsUnique();
        b.HasIndex(i => new { i.ResellerId, i.ImportedAt });
        b.Property(i => i.Source).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Name).HasMaxLength(260);
        b.Property(i => i.Fingerprint).HasMaxLength(80);
        b.Property(i => i.Cost).HasPrecision(20, 8);
        b.Property(i => i.ImportedBy).HasMaxLength(256);
    }

    public void Configure(EntityTypeBuilder<UsageRecord> b)
    {
        // Partitioned by month of use (see the migrations); written only by COPY, read in bulk.
        b.ToTable("usage_records");
        b.HasKey(u => new { u.ResellerId, u.UsageDate, u.ImportId, u.Line });
        b.HasIndex(u => new { u.ResellerId, u.ProviderCustomerId }).HasFilter("customer_id IS NULL").HasDatabaseName("ix_usage_records_unmatched");
        b.Property(u => u.ProviderCustomerId).HasMaxLength(64);
        b.Property(u => u.ProviderSubscriptionId).HasMaxLength(64);
        b.Property(u => u.MeterId).HasMaxLength(64);
        b.Property(u => u.ResourceUri).HasMaxLength(1000);
        b.Property(u => u.ChargeType).HasMaxLength(32);
        b.Property(u => u.Quantity).HasPrecision(28, 10);
        b.Property(u => u.Cost).HasPrecision(20, 8);
        b.Property(u => u.Currency).HasMaxLength(3);
    }

    public void Configure(EntityTypeBuilder<UsageMonthly> b)
    {
        b.ToTable("usage_monthly");
        b.HasKey(u => new { u.ResellerId, u.BillingMonth, u.UsageMonth, u.ProviderCustomerId, u.ProviderSubscriptionId, u.MeterId, u.Currency });
        b.HasIndex(u => new { u.ResellerId, u.ProviderCustomerId });
        b.Property(u => u.ProviderCustomerId).HasMaxLength(64);
        b.Property(u => u.ProviderSubscriptionId).HasMaxLength(64);
        b.Property(u => u.MeterId).HasMaxLength(64);
        b.Property(u => u.Currency).HasMaxLength(3);
        b.Property(u => u.CustomerName).HasMaxLength(256);
        b.Property(u => u.CustomerDomain).HasMaxLength(256);
        b.Property(u => u.ProductName).HasMaxLength(200);
        b.Property(u => u.MeterName).HasMaxLength(200);
        b.Property(u => u.MeterCategory).HasMaxLength(100);
        b.Property(u => u.Unit).HasMaxLength(64);
        b.Property(u => u.Quantity).HasPrecision(28, 10);
        b.Property(u => u.Cost).HasPrecision(20, 8);
    }

    public void Configure(EntityTypeBuilder<UsageCustomerMatch> b)
    {
        b.ToTable("usage_customer_matches");
        b.HasKey(m => new { m.ResellerId, m.ProviderCustomerId });
        b.HasOne<Customers.Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.Property(m => m.ProviderCustomerId).HasMaxLength(64);
        b.Property(m => m.MatchedBy).HasMaxLength(256);
    }

    public void Configure(EntityTypeBuilder<BillingPeriod> b)
    {
        b.ToTable("billing_periods");
        b.HasKey(p => new { p.ResellerId, p.Month });
        b.HasOne<Resellers.Reseller>().WithMany().HasForeignKey(p => p.ResellerId).OnDelete(DeleteBehavior.Cascade);
        b.Property(p => p.IssuedBy).HasMaxLength(256);
        b.Ignore(p => p.IsIssued);
    }

    public void Configure(EntityTypeBuilder<Statement> b)
    {
        b.ToTable("statements");
        b.HasOne<Customers.Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.ResellerId, s.Month, s.CustomerId }).IsUnique();
        b.HasIndex(s => s.Number).IsUnique();
        b.HasIndex(s => new { s.CustomerId, s.Month });
        b.Property(s => s.Number).HasDefaultValueSql("nextval('statement_numbers')").ValueGeneratedOnAdd();
        b.Property(s => s.CustomerName).HasMaxLength(200);
        b.HasMany(s => s.Totals).WithOne().HasForeignKey(t => t.StatementId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.StatementId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<StatementTotal> b)
    {
        b.ToTable("statement_totals");
        b.HasKey(t => new { t.StatementId, t.Currency });
        b.Property(t => t.Currency).HasMaxLength(3);
        foreach (var amount in new[] { nameof(StatementTotal.Licences), nameof(StatementTotal.Usage), nameof(StatementTotal.Support), nameof(StatementTotal.Total), nameof(StatementTotal.Cost) })
            b.Property(amount).HasPrecision(18, 2);
    }

    public void Configure(EntityTypeBuilder<StatementLine> b)
    {
        b.ToTable("statement_lines");
        b.HasKey(l => new { l.StatementId, l.LineNumber });
        b.HasIndex(l => new { l.ResellerId, l.Month });
        b.Property(l => l.Kind).HasConversion<string>().HasMaxLength(8);
        b.Property(l => l.ProviderSubscriptionId).HasMaxLength(64);
        b.Property(l => l.Vendor).HasMaxLength(80);
        b.Property(l => l.ProductName).HasMaxLength(200);
        b.Property(l => l.Description).HasMaxLength(300);
        b.Property(l => l.MeterId).HasMaxLength(64);
        b.Property(l => l.Quantity).HasPrecision(28, 10);
        b.Property(l => l.Unit).HasMaxLength(64);
        b.Property(l => l.UnitPrice).HasPrecision(12, 2);
        b.Property(l => l.Cost).HasPrecision(18, 2);
        b.Property(l => l.Price).HasPrecision(18, 2);
        b.Property(l => l.Currency).HasMaxLength(3);
        b.Ignore(l => l.IsLate);
    }

    public void Configure(EntityTypeBuilder<SavedReport> b)
    {
        b.ToTable("saved_reports");
        b.HasOne<Accounts.PortalUser>().WithMany().HasForeignKey(r => r.OwnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.OwnerId, r.Name }).IsUnique();
        b.Property(r => r.Name).HasMaxLength(80);
        b.Property(r => r.Settings).HasColumnType("jsonb");
    }
}
