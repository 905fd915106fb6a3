using IonPortal.Core.Accounts;
using IonPortal.Core.Customers;
using IonPortal.Core.Messaging;
using IonPortal.Core.Orders;
using IonPortal.Core.Resellers;
using IonPortal.Core.Validation;
using IonPortal.Web.Account;
using IonPortal.Web.Localization;
using IonPortal.Web.Messaging;
using IonPortal.Web.Tenancy;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Orders;

/// <summary>
/// How provisioning ended, by email in the reseller's branding: the customer's contact and whoever
/// placed the order hear it is ready; on a failure, whoever placed it and the reseller's support
/// address hear why, with a link to the order (where it can be retried).
/// </summary>
internal sealed class OrderMail(EmailRenderer renderer, EmailOutbox outbox, PortalLinks links, ResellerDirectory resellers, IStringLocalizer<Ui> L) : IOrderMail
{
    public async Task QueueOrderCompletedAsync(Order order, Customer customer, PortalUser? placedBy, CancellationToken ct)
    {
        var reseller = await resellers.FindAsync(order.ResellerId, ct) ?? throw new InvalidOperationException($"Reseller {order.ResellerId} is gone.");
        foreach (var (to, link) in Recipients([(customer.ContactEmail, PortalLink(order, reseller))], placedBy, order, reseller))
            await QueueAsync(to, reseller, customer,
                () => new EmailContent(Brand(reseller), L["Order {0} is ready", order.Number], L["Your order is ready"],
                    [L["{0}'s order {1} is provisioned: {2}.", customer.CompanyName, order.Number, string.Join(", ", order.Lines.Select(l => $"{l.Quantity} × {l.ProductName} ({l.PlanName})"))],
                     L["The subscriptions are active now."]],
                    L["Open the order"], link), ct);
    }

    public async Task QueueOrderFailedAsync(Order order, Customer customer, PortalUser? placedBy, CancellationToken ct)
    {
        var reseller = await resellers.FindAsync(order.ResellerId, ct) ?? throw new InvalidOperationException($"Reseller {order.ResellerId} is gone.");
        foreach (var (to, link) in Recipients([(reseller.SupportEmail, ConsoleLink(order))], placedBy, order, reseller))
            await QueueAsync(to, reseller, customer,
                () => new EmailContent(Brand(reseller), L["Order {0} could not be provisioned", order.Number], L["Your order needs attention"],
                    [L["{0}'s order {1} could not be provisioned.", customer.CompanyName, order.Number], Problem.FromKey(order.FailureProblem)?.Text ?? "",
                     L["Nothing was charged for it. Fix the cause, then retry the order from its page."]],
                    L["Open the order"], link), ct);
    }

    // Each address once; people are sent where they can act (the console for staff, the portal for the customer's people).
    private IEnumerable<(string To, string Link)> Recipients(IEnumerable<(string? To, string Link)> always, PortalUser? placedBy, Order order, Reseller reseller) =>
        always.Append((To: placedBy?.Email, Link: placedBy?.Kind == UserKind.Customer ? PortalLink(order, reseller) : ConsoleLink(order)))
            .Where(r => !string.IsNullOrWhiteSpace(r.To)).Select(r => (To: r.To!, r.Link)).DistinctBy(r => r.To.ToLowerInvariant());

    private async Task QueueAsync(string to, Reseller reseller, Customer customer, Func<EmailContent> content, CancellationToken ct)
    {
        using var language = Cultures.Use(customer.PreferredLanguage);
        outbox.Queue(await renderer.RenderAsync(to, content(), reseller.Id));
    }

    private string ConsoleLink(Order order) => links.Absolute($"/console/orders/{order.Id}");

    private string PortalLink(Order order, Reseller reseller) =>
        links.Absolute($"{Storefront.WhiteLabelPrefix}/orders/{order.Id}?{Storefront.AccountNameParameter}={reseller.Nickname}");

    private static EmailBrand Brand(Reseller reseller) => new(reseller.DisplayName, reseller.PrimaryColor);
}
