using IonPortal.Core.Billing;
using IonPortal.Core.Catalog;

namespace IonPortal.Core.Tests;

/// <summary>Licence charges by day: monthly lines per run of equal seats; up-front charges whole, later changes prorated over the charge period.</summary>
public class LicenceChargesTests
{
    private static DateTimeOffset At(int year, int month, int day, int hour = 9) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    private static LicenceFacts Subscription(BillingFrequency billing, Term term, decimal price, params QuantityChange[] changes) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "pc-1", "Microsoft", "Microsoft 365 E3", "E3", term, billing, "user", "USD", price, price * 0.8m, changes[0].At, changes);

    [Fact]
    public void A_monthly_subscription_bought_mid_month_and_cancelled_is_charged_for_the_days_it_held_seats()
    {
        // Bought on the 10th (charged from that day), cancelled on the 20th (not charged that day): 10 days of 30.
        var s = Subscription(BillingFrequency.Monthly, Term.P1M, 30m, new(At(2026, 11, 10), 4), new(At(2026, 11, 20), 0));

        var charge = Assert.Single(LicenceCharges.For(s, new DateOnly(2026, 11, 1)));

        Assert.Equal((new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 19), 10, 30, 40.00m, 32.00m), (charge.From, charge.To, charge.Days, charge.DaysInPeriod, charge.Price, charge.Cost));
        Assert.Empty(LicenceCharges.For(s, new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public void A_change_late_in_the_day_counts_for_that_whole_day_in_UTC()
    {
        var s = Subscription(BillingFrequency.Monthly, Term.P1Y, 31m, new(At(2026, 1, 1), 1), new(At(2026, 12, 31, 23), 2));

        var charges = LicenceCharges.For(s, new DateOnly(2026, 12, 1));

        Assert.Equal([(30, 1m, 30.00m), (1, 2m, 2.00m)], charges.Select(c => (c.Days, c.Quantity, c.Price)).ToList());
    }

    [Fact]
    public void An_annual_charge_is_whole_when_its_year_starts_and_seats_added_later_pay_the_days_left_of_it()
    {
        // 2026-03-15 to 2027-03-14 is 365 days; 5 seats added on 2026-09-15 pay 181 of them; 2 removed on 2026-09-20 get 176 back.
        var s = Subscription(BillingFrequency.Annual, Term.P1Y, 120m,
            new(At(2026, 3, 15), 10), new(At(2026, 9, 15), 15), new(At(2026, 9, 20), 13));

        Assert.Equal(1200.00m, Assert.Single(LicenceCharges.For(s, new DateOnly(2026, 3, 1))).Price);
        Assert.Empty(LicenceCharges.For(s, new DateOnly(2026, 4, 1)));
        var september = LicenceCharges.For(s, new DateOnly(2026, 9, 1));
        Assert.Equal([(5m, 181, 365, 297.53m), (-2m, 176, 365, -115.73m)], september.Select(c => (c.Quantity, c.Days, c.DaysInPeriod, c.Price)).ToList());
        // The second year is charged whole at the seats held then.
        Assert.Equal(1560.00m, Assert.Single(LicenceCharges.For(s, new DateOnly(2027, 3, 1))).Price);
    }
}

/// <summary>How the provider's feed is cut into days to import.</summary>
public class ProviderUsageDaysTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    private static UsageLine Line(string tenant, DateOnly day) =>
        new(new UsageRow(1, tenant, "", "", "sub", "Azure plan", day, "meter", "Meter", "", "", "", "Usage", "1 Hour", 1m, 1m, "USD"), []);

    [Fact]
    public void Only_ended_days_are_imported_and_never_another_resellers_tenant()
    {
        var feed = new[] { Line("ours", Today.AddDays(-2)), Line("ours", Today.AddDays(-1)), Line("theirs", Today.AddDays(-1)), Line("ours", Today) };

        var days = ProviderUsage.Days(feed, Today, new HashSet<string> { "theirs" })!;

        Assert.Equal([(Today.AddDays(-2), 1), (Today.AddDays(-1), 1)], days.Select(d => (d.Key, d.Count())).ToList());
    }

    [Fact]
    public void A_feed_with_a_bad_line_gives_nothing_to_import()
    {
        UsageLine[] feed = [Line("ours", Today.AddDays(-1)), new(null, [new UsageError(2, "Quantity", Core.Validation.Problems.UsageAmountInvalid)])];

        Assert.Null(ProviderUsage.Days(feed, Today, new HashSet<string>()));
    }
}
