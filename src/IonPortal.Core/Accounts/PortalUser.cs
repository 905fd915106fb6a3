using Microsoft.AspNetCore.Identity;
using IonPortal.Core.Tenancy;

namespace IonPortal.Core.Accounts;

/// <summary>The three kinds of people who sign in to IonPortal.</summary>
public enum UserKind
{
    /// <summary>Distributor staff running the platform (<c>/admin</c>).</summary>
    Operator,

    /// <summary>A reseller's staff (<c>/console</c>).</summary>
    Staff,

    /// <summary>A user of one of a reseller's customers (the storefront).</summary>
    Customer,
}

/// <summary>
/// A person who signs in. Console users (operators and staff) have one email across the platform;
/// customers' people are unique per reseller, so the same email may buy from two resellers.
/// </summary>
[SharedAcrossTenants("People sign in by realm (the console, or one storefront) before any reseller is known; services filter by reseller themselves.")]
public sealed class PortalUser : IdentityUser<Guid>
{
    public UserKind Kind { get; set; }

    /// <summary>The reseller a staff member or a customer's person belongs to; null for operators.</summary>
    public Guid? ResellerId { get; set; }

    /// <summary>The customer company a customer's person belongs to.</summary>
    public Guid? CustomerId { get; set; }

    /// <summary>One of <see cref="PortalRoles"/>, valid for the user's kind.</summary>
    public string Role { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Locking someone out until this far-off date is how access is removed (Identity's own switch).
    /// A year short of <see cref="DateTimeOffset.MaxValue"/>, which PostgreSQL can't round-trip.
    /// </summary>
    public static readonly DateTimeOffset AccessRemovedUntil = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public bool IsAccessRemoved => LockoutEnd >= AccessRemovedUntil;

    public static PortalUser Operator(string email, string displayName, DateTimeOffset now) =>
        New(UserKind.Operator, null, null, PortalRoles.Operator, email, displayName, now);

    public static PortalUser Staff(Guid resellerId, string role, string email, string displayName, DateTimeOffset now) =>
        New(UserKind.Staff, resellerId, null, PortalRoles.RequireStaff(role), email, displayName, now);

    public static PortalUser CustomerPerson(Guid resellerId, Guid customerId, string role, string email, string displayName, DateTimeOffset now) =>
        New(UserKind.Customer, resellerId, customerId, PortalRoles.RequireCustomer(role), email, displayName, now);

    private static PortalUser New(UserKind kind, Guid? resellerId, Guid? customerId, string role, string email, string displayName, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        return new()
        {
            Id = id,
            // The user name only has to be unique; people are found by email within their realm.
            UserName = id.ToString("N"),
            Email = email.Trim(),
            Kind = kind,
            ResellerId = resellerId,
            CustomerId = customerId,
            Role = role,
            DisplayName = displayName.Trim(),
            CreatedAt = now,
            LockoutEnabled = true,
        };
    }
}
