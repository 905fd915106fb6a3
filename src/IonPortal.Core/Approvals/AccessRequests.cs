using IonPortal.Core.Accounts;
using IonPortal.Core.Auditing;
using IonPortal.Core.Catalog;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Approvals;

/// <summary>A customer's people asking their reseller for more, such as access to another provider.</summary>
public sealed class AccessRequests(PortalDbContext db, CurrentActor actor, ApprovalQueue queue, AuditTrail audit, TimeProvider clock)
{
    private IQueryable<ApprovalRequest> Requests => db.Set<ApprovalRequest>();

    /// <summary>A customer's own requests, newest first (for its storefront account page).</summary>
    public Task<List<ApprovalRequest>> OfCustomerAsync(Guid customerId, CancellationToken ct = default) =>
        Requests.AsNoTracking().Where(r => r.Kind == ApprovalKind.AccountRequest && r.CustomerId == customerId)
            .OrderByDescending(r => r.CreatedAt).Take(20).ToListAsync(ct);

    /// <summary>A customer asks for access to another provider; the request joins the queue.</summary>
    public async Task<Outcome<ApprovalRequest>> RequestProviderAsync(Guid customerId, string? provider, string? message, CancellationToken ct = default)
    {
        var customer = await db.Set<Customer>().Include(c => c.Authorizations).FirstOrDefaultAsync(c => c.Id == customerId, ct);
        var requester = actor.UserId is { } id ? await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.CustomerId == customerId, ct) : null;
        // Only the customer's own people ask on its behalf: for anyone else it doesn't exist.
        if (customer is null || requester is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.RequestProviderAccess))
            return Outcome.Forbidden(Problems.MayNotRequestProviders);
        var errors = new FieldErrors();
        if (!CloudProviders.IsKnown(provider))
            errors.Add("Provider", Problems.ProviderUnknown);
        else if (customer.Authorizations.Any(a => a.Provider == provider))
            errors.Add("Provider", Problems.ProviderAlreadyAuthorized);
        else if (await Requests.AnyAsync(r => r.CustomerId == customerId && r.Provider == provider && r.Status == ApprovalStatus.Pending, ct))
            errors.Add("Provider", Problems.ProviderAlreadyRequested);
        if (message?.Trim().Length > 1000)
            errors.Add("Message", Problems.TooLong(1000));
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);

        var now = clock.GetUtcNow();
        var request = new ApprovalRequest
        {
            Id = Guid.CreateVersion7(now), ResellerId = customer.ResellerId, Kind = ApprovalKind.AccountRequest, CreatedAt = now,
            CompanyName = customer.CompanyName, ContactFirstName = requester.DisplayName, ContactEmail = requester.Email!,
            PreferredLanguage = customer.PreferredLanguage, CustomerId = customer.Id, RequestedByUserId = requester.Id,
            Provider = provider, Message = message.TrimmedOrNull(),
        };
        db.Add(request);
        audit.Record(AuditActions.Approval.Requested, AuditActions.Approval.Type, request.Id, null, new { request.CompanyName, request.Provider });
        await queue.AdmitAsync(request, null, ct);
        return request;
    }
}
