using IonPortal.Core.Catalog;
using IonPortal.Core.Pricing;
using IonPortal.Core.Subscriptions;

namespace IonPortal.Core.Billing;

/// <summary>What a subscription's licence charges need to know about it: its price and cost per unit per charge, and how it is billed.</summary>
public sealed record LicenceFacts(
    Guid SubscriptionId, Guid CustomerId, string ProviderSubscriptionId, string Vendor, string ProductName, string PlanName, Term Term, BillingFrequency Billing,
    string Unit, string Currency, decimal UnitPrice, decimal UnitCost, DateTimeOffset PurchasedAt, IReadOnlyList<QuantityChange> Changes);

/// <summary>A subscription's seats from a moment on (its purchase, an addition, a removal, a renewal, its end).</summary>
public sealed record QuantityChange(DateTimeOffset At, int Quantity);

/// <summary>One licence charge of a month: seats × unit price over some days of a charge period (negative for a credit).</summary>
public sealed record LicenceCharge(
    LicenceFacts Subscription, DateOnly From, DateOnly To, int Days, int DaysInPeriod, decimal Quantity, decimal Price, decimal Cost);

/// <summary>
/// Licence charges for a month, in <c>decimal</c>, rounded to the cent per line. A day is charged
/// with the seats held at its end, in UTC: seats bought or added on a day are charged from that day,
/// seats removed (or a cancellation) stop being charged that day.
/// <list type="bullet">
/// <item>Billed monthly: each run of days with the same seats is a line, prorated by day over the
/// month (seats × unit price × days ÷ days in the month).</item>
/// <item>Billed up front (annual, triennial, one-time): the whole charge on the day its charge period
/// starts (the purchase, then each anniversary), and seats added or removed later in the period
/// prorated by the days left of it (a removal is a credit).</item>
/// </list>
/// </summary>
public static class LicenceCharges
{
    public static IReadOnlyList<LicenceCharge> For(LicenceFacts subscription, DateOnly month)
    {
        var start = Months.Start(month);
        return subscription.Billing == BillingFrequency.Monthly ? Monthly(subscription, start) : UpFront(subscription, start);
    }

    private static List<LicenceCharge> Monthly(LicenceFacts s, DateOnly month)
    {
        var charges = new List<LicenceCharge>();
        var (last, days) = (Months.End(month), Months.Days(month));
        var (runStart, runSeats) = (month, SeatsAtEndOf(s, month));
        for (var day = month.AddDays(1); day <= last.AddDays(1); day = day.AddDays(1))
        {
            var seats = day <= last ? SeatsAtEndOf(s, day) : -1;
            if (seats == runSeats)
                continue;
            if (runSeats > 0)
                charges.Add(Charge(s, runStart, day.AddDays(-1), days, runSeats));
            (runStart, runSeats) = (day, seats);
        }
        return charges;
    }

    private static List<LicenceCharge> UpFront(LicenceFacts s, DateOnly month)
    {
        var charges = new List<LicenceCharge>();
        var perCharge = PlanTerms.MonthsPerCharge(s.Term, s.Billing);
        var purchased = DateOnly.FromDateTime(s.PurchasedAt.UtcDateTime);
        var last = Months.End(month);
        for (var k = 0; purchased.AddMonths(k * perCharge) <= last; k++)
        {
            var (periodStart, periodEnd) = (purchased.AddMonths(k * perCharge), purchased.AddMonths((k + 1) * perCharge).AddDays(-1));
            if (periodEnd < month)
                continue;
            var periodDays = periodEnd.DayNumber - periodStart.DayNumber + 1;
            var from = periodStart >= month ? periodStart : month;
            var seats = SeatsAtEndOf(s, from.AddDays(-1));
            if (periodStart >= month)
            {
                // The period's charge, whole, at the seats held at the end of its first day.
                seats = SeatsAtEndOf(s, periodStart);
                if (seats > 0)
                    charges.Add(Charge(s, periodStart, periodEnd, periodDays, seats));
                from = periodStart.AddDays(1);
            }
            // Seats added or removed later in the period: the days left of it.
            for (var day = from; day <= (periodEnd < last ? periodEnd : last); day = day.AddDays(1))
            {
                var now = SeatsAtEndOf(s, day);
                if (now != seats)
                    charges.Add(Charge(s, day, periodEnd, periodDays, now - seats));
                seats = now;
            }
        }
        return charges;
    }

    /// <summary>Seats held at the end of a day (UTC); none before the purchase.</summary>
    public static int SeatsAtEndOf(LicenceFacts s, DateOnly day)
    {
        var end = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var seats = 0;
        foreach (var change in s.Changes)
        {
            if (change.At >= end)
                break;
            seats = change.Quantity;
        }
        return seats;
    }

    /// <summary>Seats × unit price (and cost) for the days from–to of a period of <paramref name="over"/> days.</summary>
    private static LicenceCharge Charge(LicenceFacts s, DateOnly from, DateOnly to, int over, int seats)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        return new LicenceCharge(s, from, to, days, over, seats, Money.Round(seats * s.UnitPrice * days / over), Money.Round(seats * s.UnitCost * days / over));
    }

    /// <summary>The seats timeline of a subscription from its history (oldest first).</summary>
    public static IReadOnlyList<QuantityChange> Timeline(IEnumerable<SubscriptionEvent> history) =>
        [.. history.OrderBy(e => e.At).Select(e => e.Kind switch
        {
            SubscriptionChangeKind.Cancelled or SubscriptionChangeKind.Expired => new QuantityChange(e.At, 0),
            _ when e.ToQuantity is { } to => new QuantityChange(e.At, to),
            _ => null,
        }).OfType<QuantityChange>()];
}
