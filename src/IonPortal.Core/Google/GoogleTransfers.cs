using System.Text.RegularExpressions;
using IonPortal.Core.Accounts;
using IonPortal.Core.Catalog;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Orders;
using IonPortal.Core.Resellers;
using IonPortal.Core.Subscriptions;
using IonPortal.Core.Tenancy;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Google;

/// <summary>
/// A customer moves its Google Workspace to the reseller: it creates a transfer token in Google's
/// Admin console quoting the distributor's and the reseller's public ids, the reseller enters it
/// here, and the subscriptions Google moves appear under the customer, priced by its Google book.
/// </summary>
public sealed partial class GoogleTransfers(PortalDbContext db, TenantContext tenant, CurrentActor actor, GoogleResellerClient google, Checkout checkout, TimeProvider clock)
{
    /// <summary>What a customer quotes to Google: the distributor's public id, then the reseller's.</summary>
    public static string PublicIds(GoogleOptions options, Guid resellerId) => $"{options.DistributorPublicId}-{ResellerPublicId(resellerId)}";

    /// <summary>A reseller's public id: stable, short, and not its internal id.</summary>
    public static string ResellerPublicId(Guid resellerId) => "C0" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(resellerId.ToByteArray()))[..8].ToLowerInvariant();

    public async Task<Outcome<IReadOnlyList<Subscription>>> TransferAsync(Guid customerId, string? domain, string? token, CancellationToken ct = default)
    {
        var customer = await db.Set<Customer>().AsNoTracking().Include(c => c.Authorizations).FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.ManageCustomers))
            return Outcome.Forbidden(Problems.MayNotChangeCustomers);
        var errors = new FieldErrors();
        var name = domain?.Trim().ToLowerInvariant() ?? "";
        if (!DomainName.IsValid(name))
            errors.Add("Domain", Problems.DomainInvalid);
        if (token is null || !Token().IsMatch(token.Trim()))
            errors.Add("Token", Problems.TransferTokenInvalid);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);
        if (customer.Authorizations.All(a => a.Provider != "google"))
            return Outcome.Conflict(Problems.ProviderNotAuthorizedForCustomer);

        var moved = await google.TransferAsync(name, token!.Trim(), ResellerPublicId(tenant.RequiredResellerId), ct);
        if (!moved.IsDone)
            return moved.AsFailure();
        var now = clock.GetUtcNow();
        var known = await db.Set<Subscription>().Where(s => s.Provider == "google").Select(s => s.ProviderSubscriptionId).ToListAsync(ct);
        var skus = moved.Value.Select(s => s.SkuId).ToList();
        var plans = await db.Set<Plan>().AsNoTracking().Include(p => p.Product).Where(p => skus.Contains(p.Sku) && p.Product!.Provider == "google").ToDictionaryAsync(p => p.Sku, ct);
        var arriving = moved.Value.Where(s => !known.Contains(s.SubscriptionId) && plans.ContainsKey(s.SkuId)).ToList();
        // Priced by the customer's Google book, all in one quote (a line per subscription, in order).
        var quote = await checkout.QuoteAsync(customerId, "google", arriving.Select(s => new CartLine(plans[s.SkuId].Id, s.Seats)).ToList(), ct);
        var added = arriving.Select((item, i) => Subscription.TransferredIn(customer, item.SubscriptionId, plans[item.SkuId], item.Seats, quote!.Currency,
            quote.Lines.ElementAtOrDefault(i)?.UnitPrice ?? 0, item.RenewsAt, actor.Name, now)).ToList();
        db.AddRange(added);
        await db.SaveChangesAsync(ct);
        return added;
    }

    [GeneratedRegex("^[A-Za-z0-9-]{8,64}$")]
    private static partial Regex Token();
}
