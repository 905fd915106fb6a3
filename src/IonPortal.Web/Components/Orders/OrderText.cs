using IonPortal.Core.Orders;
using IonPortal.Core.Subscriptions;
using IonPortal.Web.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace IonPortal.Web.Components.Orders;

/// <summary>Orders' and subscriptions' states and changes in the reader's words, with their colours.</summary>
public static class OrderText
{
    public static (string Text, Color Color) Status(IStringLocalizer<Ui> L, OrderStatus status) => status switch
    {
        OrderStatus.Placed => (L["Placed"], Color.Info),
        OrderStatus.Provisioning => (L["Provisioning"], Color.Info),
        OrderStatus.Completed => (L["Completed"], Color.Success),
        OrderStatus.Failed => (L["Failed"], Color.Error),
        _ => (L["Cancelled"], Color.Default),
    };

    public static (string Text, Color Color) Status(IStringLocalizer<Ui> L, SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Active => (L["Active"], Color.Success),
        SubscriptionStatus.Suspended => (L["Suspended"], Color.Warning),
        SubscriptionStatus.Cancelled => (L["Cancelled"], Color.Default),
        _ => (L["Expired"], Color.Default),
    };

    public static string Change(IStringLocalizer<Ui> L, SubscriptionEvent e) => e.Kind switch
    {
        SubscriptionChangeKind.Purchased => L["Bought with {0} seats", e.ToQuantity ?? 0],
        SubscriptionChangeKind.SeatsAdded => L["Seats added: {0} → {1}", e.FromQuantity ?? 0, e.ToQuantity ?? 0],
        SubscriptionChangeKind.SeatsRemoved => L["Seats removed: {0} → {1}", e.FromQuantity ?? 0, e.ToQuantity ?? 0],
        SubscriptionChangeKind.ReductionScheduled => L["Reduction to {0} seats scheduled for the renewal", e.ToQuantity ?? 0],
        SubscriptionChangeKind.ReductionWithdrawn => L["Scheduled reduction withdrawn"],
        SubscriptionChangeKind.AutoRenewOn => L["Renewal turned on"],
        SubscriptionChangeKind.AutoRenewOff => L["Renewal turned off: ends at the end of its term"],
        SubscriptionChangeKind.Suspended => L["Suspended"],
        SubscriptionChangeKind.Reactivated => L["Reactivated"],
        SubscriptionChangeKind.Cancelled => L["Cancelled"],
        SubscriptionChangeKind.Renewed => L["Renewed with {0} seats", e.ToQuantity ?? 0],
        SubscriptionChangeKind.Upgraded => L["Upgraded to {0}", e.Plan ?? ""],
        SubscriptionChangeKind.DowngradeScheduled => L["Move to {0} scheduled for the renewal", e.Plan ?? ""],
        SubscriptionChangeKind.DowngradeWithdrawn => L["Scheduled move to {0} withdrawn", e.Plan ?? ""],
        SubscriptionChangeKind.Downgraded => L["Moved to {0} at the renewal", e.Plan ?? ""],
        SubscriptionChangeKind.TransferredIn => L["Transferred in with {0} seats", e.ToQuantity ?? 0],
        _ => L["Ended at the end of its term"],
    };

    /// <summary>Who did it: a person's name, or the portal itself for provisioning and renewals.</summary>
    public static string By(IStringLocalizer<Ui> L, string by) => by is Provisioner.ActorName or "system" or "renewal" ? L["the portal"] : by;

    /// <summary>What an order's line is: "Annual term, billed monthly".</summary>
    public static string Plan(IStringLocalizer<Ui> L, Core.Catalog.Term term, Core.Catalog.BillingFrequency billing) =>
        $"{Formats.TermName(L, term)}, {Formats.BillingName(L, billing)}";

    /// <summary>How long a seat batch can still be removed: "3 days 4 h", "5 h 10 min", or closed.</summary>
    public static string TimeLeft(IStringLocalizer<Ui> L, TimeSpan left) =>
        left <= TimeSpan.Zero ? L["Window closed"]
        : left.TotalDays >= 1 ? L["{0} d {1} h left", (int)left.TotalDays, left.Hours]
        : left.TotalHours >= 1 ? L["{0} h {1} min left", (int)left.TotalHours, left.Minutes]
        : L["{0} min left", Math.Max(1, (int)left.TotalMinutes)];
}
