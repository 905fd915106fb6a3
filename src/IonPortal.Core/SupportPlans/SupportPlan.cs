using IonPortal.Core.Resellers;
using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.SupportPlans;

/// <summary>
/// A reseller's support offering, charged monthly: a share of the customer's charges, a fixed fee,
/// or both (attached to customers later; their statements add it).
/// </summary>
public sealed class SupportPlan : ITenantOwned
{
    public Guid Id { get; init; }

    public Guid ResellerId { get; init; }

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>Percent of the customer's monthly charges, e.g. 10.</summary>
    public decimal? PercentOfCharges { get; set; }

    public decimal? FixedMonthlyFee { get; set; }

    /// <summary>The currency of the fixed fee; set exactly when there is one.</summary>
    public string? Currency { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The monthly fee for a customer with these charges (same currency as the fee).</summary>
    public decimal MonthlyFeeFor(decimal charges) =>
        Pricing.Money.Round((PercentOfCharges ?? 0m) * charges / 100m + (FixedMonthlyFee ?? 0m));

    /// <summary>The month's fee on a statement's charges in one currency: the share of them, plus the fixed fee when it is in that currency.</summary>
    public decimal FeeFor(decimal charges, string currency) =>
        Pricing.Money.Round((PercentOfCharges ?? 0m) * charges / 100m + (currency == Currency ? FixedMonthlyFee ?? 0m : 0m));
}

public sealed record SupportPlanDraft(string? Name, string? Description, decimal? PercentOfCharges, decimal? FixedMonthlyFee, string? Currency);

internal sealed class SupportPlanConfiguration : IEntityTypeConfiguration<SupportPlan>
{
    public void Configure(EntityTypeBuilder<SupportPlan> b)
    {
        b.ToTable("support_plans", t =>
        {
            t.HasCheckConstraint("ck_support_plans_fee", "percent_of_charges IS NOT NULL OR fixed_monthly_fee IS NOT NULL");
            t.HasCheckConstraint("ck_support_plans_percent", "percent_of_charges IS NULL OR (percent_of_charges >= 0 AND percent_of_charges <= 100)");
            t.HasCheckConstraint("ck_support_plans_fixed", "(fixed_monthly_fee IS NULL AND currency IS NULL) OR (fixed_monthly_fee >= 0 AND currency IS NOT NULL)");
        });
        b.HasOne<Reseller>().WithMany().HasForeignKey(p => p.ResellerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.ResellerId, p.Name }).IsUnique();
        b.Property(p => p.Name).HasMaxLength(80);
        b.Property(p => p.Description).HasMaxLength(500);
        b.Property(p => p.PercentOfCharges).HasPrecision(5, 2);
        b.Property(p => p.FixedMonthlyFee).HasPrecision(18, 2);
        b.Property(p => p.Currency).HasMaxLength(3);
    }
}
