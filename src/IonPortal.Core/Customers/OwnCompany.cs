using IonPortal.Core.Accounts;
using IonPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Customers;

/// <summary>
/// The customer the current person works for, when they are a customer's person (the customer
/// portal); null for staff, operators and the platform. Lists and lookups a customer's people can
/// reach narrow to it, so another customer's id is simply not found.
/// </summary>
public sealed class OwnCompany(PortalDbContext db, CurrentActor actor)
{
    private Guid? _id;
    private bool _known;

    public bool IsCustomerPerson => PortalRoles.CustomerRoles.Contains(actor.Role);

    public async Task<Guid?> IdAsync(CancellationToken ct = default)
    {
        if (!_known)
        {
            _id = IsCustomerPerson && actor.UserId is { } userId
                ? await db.Users.Where(u => u.Id == userId && u.Kind == UserKind.Customer).Select(u => u.CustomerId).FirstOrDefaultAsync(ct)
                : null;
            _known = true;
        }
        return _id;
    }

    /// <summary>Whether the current person may see this customer's orders and subscriptions: staff of its reseller (the tenant filter did that), or its own people.</summary>
    public async Task<bool> MaySeeAsync(Guid customerId, CancellationToken ct = default) =>
        IsCustomerPerson ? await IdAsync(ct) == customerId : actor.May(PortalAction.UseConsole) || actor.Value.Kind == ActorKind.System;
}
