using System.Text.RegularExpressions;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.MicrosoftTenants;
using IonPortal.Core.PartnerCenter;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Subscriptions;

/// <summary>A user of the customer's tenant, and whether they hold a licence of the subscription's plan.</summary>
public sealed record LicenceHolder(TenantUser User, bool HasLicence);

/// <summary>A plan's licences at the customer: bought (across its subscriptions to the plan) and assigned, and who holds one.</summary>
public sealed record LicenceView(string Domain, int Purchased, int Assigned, IReadOnlyList<LicenceHolder> Users)
{
    public int Available => Math.Max(0, Purchased - Assigned);
}

/// <summary>
/// The users of a customer's Microsoft tenant and the licences of its subscriptions: who holds one,
/// new users, assigning and removing. Microsoft keeps the licences (the portal asks it every time);
/// an assignment past what was bought is refused here first, and by Microsoft too.
/// </summary>
public sealed partial class Licences(PortalDbContext db, Subscriptions subscriptions, PartnerCenterClient partnerCenter)
{
    /// <summary>The plan's licences and the tenant's users; null when the subscription isn't the current person's to see.</summary>
    public async Task<Outcome<LicenceView>?> ViewAsync(Guid subscriptionId, CancellationToken ct = default)
    {
        if (await subscriptions.FindAsync(subscriptionId, ct) is not { } subscription)
            return null;
        if (await TenantOfAsync(subscription, ct) is not { } tenant)
            return Outcome.Conflict(Problems.TenantNotLinked);
        var users = await partnerCenter.UsersAsync(tenant.Id, ct);
        if (!users.IsDone)
            return users.AsFailure();
        var counts = await partnerCenter.LicenceCountsAsync(tenant.Id, ct);
        if (!counts.IsDone)
            return counts.AsFailure();
        // One call per user, a few at a time: Partner Center lists licences per user only.
        var holders = new LicenceHolder[users.Value.Count];
        await Parallel.ForEachAsync(users.Value.Select((u, i) => (u, i)), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (x, token) =>
        {
            var held = await partnerCenter.LicencesOfAsync(tenant.Id, x.u.Id, token);
            holders[x.i] = new LicenceHolder(x.u, held.IsDone && held.Value.Contains(subscription.Sku));
        });
        var count = counts.Value.FirstOrDefault(c => c.SkuId == subscription.Sku);
        return new LicenceView(tenant.Domain, count?.Purchased ?? 0, count?.Assigned ?? 0, holders);
    }

    /// <summary>Assigns a licence of the subscription's plan to a user (or removes it).</summary>
    public async Task<Outcome> SetAsync(Guid subscriptionId, Guid userId, bool assign, CancellationToken ct = default)
    {
        if (await subscriptions.FindAsync(subscriptionId, ct) is not { } subscription)
            return Outcome.NotFound;
        if (!await subscriptions.MayChangeAsync(subscription.CustomerId, subscription.Provider, ct))
            return Outcome.Forbidden(Problems.MayNotChangeSubscriptions);
        if (assign && subscription.Status != SubscriptionStatus.Active)
            return Outcome.Conflict(Problems.SubscriptionNotActive);
        if (await TenantOfAsync(subscription, ct) is not { } tenant)
            return Outcome.Conflict(Problems.TenantNotLinked);
        if (assign && await partnerCenter.LicenceCountsAsync(tenant.Id, ct) is { IsDone: true } counts
            && counts.Value.FirstOrDefault(c => c.SkuId == subscription.Sku) is { } count && count.Assigned >= count.Purchased)
            return Outcome.Conflict(Problems.LicencesUsedUp);
        return await partnerCenter.UpdateLicenceAsync(tenant.Id, userId, subscription.Sku, assign, ct);
    }

    /// <summary>Creates a user in the customer's tenant (userName@its domain); answers the one-time password to hand over.</summary>
    public async Task<Outcome<NewTenantUser>> CreateUserAsync(Guid subscriptionId, string? firstName, string? lastName, string? userName, CancellationToken ct = default)
    {
        if (await subscriptions.FindAsync(subscriptionId, ct) is not { } subscription)
            return Outcome.NotFound;
        if (!await subscriptions.MayChangeAsync(subscription.CustomerId, subscription.Provider, ct))
            return Outcome.Forbidden(Problems.MayNotChangeSubscriptions);
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(firstName))
            errors.Add("FirstName", Problems.FirstNameRequired);
        else if (firstName.Trim().Length > 64)
            errors.Add("FirstName", Problems.TooLong(64));
        if (string.IsNullOrWhiteSpace(lastName))
            errors.Add("LastName", Problems.LastNameRequired);
        else if (lastName.Trim().Length > 64)
            errors.Add("LastName", Problems.TooLong(64));
        if (userName is null || !UserName().IsMatch(userName.Trim()))
            errors.Add("UserName", Problems.UserNameInvalid);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);
        if (await TenantOfAsync(subscription, ct) is not { } tenant)
            return Outcome.Conflict(Problems.TenantNotLinked);
        var country = await db.Set<Customer>().Where(c => c.Id == subscription.CustomerId).Select(c => c.Country).FirstAsync(ct);
        return await partnerCenter.CreateUserAsync(tenant.Id, firstName!.Trim(), lastName!.Trim(), $"{userName!.Trim().ToLowerInvariant()}@{tenant.Domain}", country, ct);
    }

    private async Task<(Guid Id, string Domain)?> TenantOfAsync(Subscription subscription, CancellationToken ct) =>
        subscription.Provider != "microsoft" ? null
        : await db.Set<MicrosoftTenant>().LinkedFor(subscription.CustomerId)
            .Select(t => new { Id = t.TenantId!.Value, t.Domain }).FirstOrDefaultAsync(ct) is { } t ? (t.Id, t.Domain ?? "") : null;

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?$")]
    private static partial Regex UserName();
}
