using IonPortal.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Accounts;

/// <summary>Finds the person behind an email, within one sign-in realm.</summary>
public sealed class AccountDirectory(PortalDbContext db, ILookupNormalizer normalizer)
{
    public Task<PortalUser?> FindAsync(SignInRealm realm, string? email, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(email))
            return Task.FromResult<PortalUser?>(null);
        var normalized = normalizer.NormalizeEmail(email.Trim());
        var users = db.Users.Where(u => u.NormalizedEmail == normalized);
        users = realm.IsConsole
            ? users.Where(u => u.Kind != UserKind.Customer)
            : users.Where(u => u.Kind == UserKind.Customer && u.ResellerId == realm.StorefrontResellerId);
        return users.SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// A customer's people sign in only while their company is active (not pending, not suspended).
    /// They sign in on their reseller's storefront, so the company is one of the current reseller's.
    /// </summary>
    public async Task<bool> MaySignInAsync(PortalUser user, CancellationToken ct = default) =>
        user.CustomerId is not { } customerId
        || await db.Set<Customers.Customer>().AnyAsync(c => c.Id == customerId && c.Status == Customers.CustomerStatus.Active, ct);

    /// <summary>Whether the email already has an account in the realm (for "already taken" checks).</summary>
    public async Task<bool> IsTakenAsync(SignInRealm realm, string email, CancellationToken ct = default) =>
        await FindAsync(realm, email, ct) is not null;
}
