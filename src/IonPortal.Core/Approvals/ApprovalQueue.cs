using IonPortal.Core.Accounts;
using IonPortal.Core.Auditing;
using IonPortal.Core.Catalog;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Paging;
using IonPortal.Core.Pricing;
using IonPortal.Core.SupportPlans;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Approvals;

/// <summary>A provider to authorize on approval; without its own book it uses the customer's default.</summary>
public sealed record ProviderGrant(string Provider, Guid? PriceBookId, bool EnabledInPortal);

/// <summary>What an approver sets for the new customer: all four are required.</summary>
public sealed record ApprovalTerms(string? Currency, Guid? PriceBookId, Guid? SupportPlanId, IReadOnlyList<ProviderGrant> Providers);

public sealed record QueueCounts(int Pending, int Approved, int Declined);

/// <summary>
/// A reseller's approval queue, as its staff decide it: sign-ups from the storefront (see
/// <see cref="SignUps"/>) and requests from existing customers (see <see cref="AccessRequests"/>).
/// A decision is guarded by the request's row version, so of two people deciding the same request
/// at once exactly one wins and the other learns who did.
/// </summary>
public sealed class ApprovalQueue(PortalDbContext db, CurrentActor actor, CustomerRecords customers, CustomerPeople people,
    IApprovalMail mail, AuditTrail audit, TimeProvider clock)
{

    /// <summary>The audit trail's name for approvals made by the reseller's auto-approve setting.</summary>
    public const string AutomaticDecider = "auto-approval";

    private IQueryable<ApprovalRequest> Requests => db.Set<ApprovalRequest>();

    public async Task<QueueCounts> CountsAsync(CancellationToken ct = default)
    {
        var counts = await Requests.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Of(ApprovalStatus status) => counts.FirstOrDefault(c => c.Key == status)?.Count ?? 0;
        return new QueueCounts(Of(ApprovalStatus.Pending), Of(ApprovalStatus.Approved), Of(ApprovalStatus.Declined));
    }

    public Task<int> PendingCountAsync(CancellationToken ct = default) => Requests.CountAsync(r => r.Status == ApprovalStatus.Pending, ct);

    /// <summary>Pending: oldest first (first come, first served); decided: most recent first.</summary>
    public Task<Page<ApprovalRequest>> ListAsync(ApprovalStatus status, PageRequest page, CancellationToken ct = default)
    {
        var requests = Requests.AsNoTracking().Where(r => r.Status == status);
        requests = status == ApprovalStatus.Pending
            ? requests.OrderBy(r => r.CreatedAt)
            : requests.OrderByDescending(r => r.DecidedAt).ThenByDescending(r => r.CreatedAt);
        return requests.ToPageAsync(page, ct);
    }

    public Task<ApprovalRequest?> FindAsync(Guid id, CancellationToken ct = default) =>
        Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.Status != ApprovalStatus.AwaitingConfirmation, ct);

    /// <summary>Approves a sign-up: creates the active customer with its pricing, support plan and providers, and its admin user.</summary>
    public Task<Outcome<ApprovalRequest>> ApproveSignUpAsync(Guid id, ApprovalTerms terms, CancellationToken ct = default) =>
        actor.May(PortalAction.DecideApprovals)
            ? ApproveSignUpAsync(id, terms, new Decider(actor.UserId, actor.Name), ct)
            : Task.FromResult<Outcome<ApprovalRequest>>(Outcome.Forbidden(Problems.MayNotDecideRequests));

    private async Task<Outcome<ApprovalRequest>> ApproveSignUpAsync(Guid id, ApprovalTerms terms, Decider decider, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { Kind: ApprovalKind.SignUp })
            return Outcome.NotFound;
        var errors = await CheckTermsAsync(terms, ct);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);
        var claimed = await ClaimAsync(id, ApprovalKind.SignUp, request => request.Approve(decider.UserId, decider.Name, clock.GetUtcNow()), ct);
        if (!claimed.IsDone)
            return claimed;
        var request = claimed.Value;

        // The customer, its providers and its first person, each by the customers' own rules.
        var approval = new ApprovedFrom(request.Id, decider.Name ?? AutomaticDecider);
        var contact = new ContactDetails(request.ContactFirstName, request.ContactLastName, request.ContactEmail, request.ContactPhone, request.ContactTitle);
        var created = await customers.AddAsync(new CustomerDraft(request.CompanyName, null, contact, request.Address ?? PostalAddress.None,
            request.PreferredLanguage, terms.Currency, terms.PriceBookId, terms.SupportPlanId), CustomerStatus.Active, approval, ct);
        if (!created.IsDone)
            return await AbandonAsync(created.AsFailure(), ct);
        var customer = created.Value;
        foreach (var grant in terms.Providers.DistinctBy(p => p.Provider))
        {
            var granted = await customers.GrantAsync(customer.Id, grant.Provider, grant.PriceBookId ?? terms.PriceBookId, terms.Currency, grant.EnabledInPortal, approval, ct);
            if (!granted.IsDone)
                return await AbandonAsync(granted.AsFailure(), ct);
        }
        if (!(await people.AddFirstAdminAsync(customer.Id, request.ContactEmail, request.ContactName, request.PasswordHash!, approval, ct)).IsDone)
            return await AbandonAsync(Outcome.Conflict(Problems.AccountExists), ct);
        request.BecameCustomer(customer.Id);
        return await ConcludeAsync(request, decider, ct);
    }

    /// <summary>Approves an account request: the customer gets the provider it asked for, priced by a book.</summary>
    public async Task<Outcome<ApprovalRequest>> ApproveAccountRequestAsync(Guid id, string? currency, Guid? priceBookId, bool enabledInPortal, CancellationToken ct = default)
    {
        if (await FindAsync(id, ct) is not { Kind: ApprovalKind.AccountRequest })
            return Outcome.NotFound;
        if (!actor.May(PortalAction.DecideApprovals))
            return Outcome.Forbidden(Problems.MayNotDecideRequests);
        var errors = new FieldErrors();
        await customers.CheckPricingAsync(errors, currency, priceBookId, required: true, ct);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);
        var decider = new Decider(actor.UserId, actor.Name);
        var claimed = await ClaimAsync(id, ApprovalKind.AccountRequest, request => request.Approve(decider.UserId, decider.Name, clock.GetUtcNow()), ct);
        if (!claimed.IsDone)
            return claimed;
        var request = claimed.Value;
        var granted = await customers.GrantAsync(request.CustomerId!.Value, request.Provider, priceBookId, currency, enabledInPortal,
            new ApprovedFrom(request.Id, decider.Name ?? AutomaticDecider), ct);
        return granted.IsDone ? await ConcludeAsync(request, decider, ct) : await AbandonAsync(granted.AsFailure(), ct);
    }

    /// <summary>Declines a request with a reason, which is emailed; the request stays, as declined.</summary>
    public async Task<Outcome<ApprovalRequest>> DeclineAsync(Guid id, string? reason, CancellationToken ct = default)
    {
        if (await FindAsync(id, ct) is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.DecideApprovals))
            return Outcome.Forbidden(Problems.MayNotDecideRequests);
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(reason))
            errors.Add("Reason", Problems.ReasonRequired);
        else if (reason.Trim().Length > 1000)
            errors.Add("Reason", Problems.TooLong(1000));
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);
        var decider = new Decider(actor.UserId, actor.Name);
        var claimed = await ClaimAsync(id, null, request => request.Decline(reason!.Trim(), decider.UserId, decider.Name, clock.GetUtcNow()), ct);
        return claimed.IsDone ? await ConcludeAsync(claimed.Value, decider, ct) : claimed;
    }

    /// <summary>
    /// Claims a pending request for a decision, in a transaction that <see cref="ConcludeAsync"/>
    /// commits or <see cref="AbandonAsync"/> rolls back. The decision is saved at once, guarded by
    /// the request's row version: of two people deciding at once, the second save finds the version
    /// changed and learns someone was first.
    /// </summary>
    private async Task<Outcome<ApprovalRequest>> ClaimAsync(Guid id, ApprovalKind? kind, Action<ApprovalRequest> decide, CancellationToken ct)
    {
        var request = await Requests.FirstOrDefaultAsync(r => r.Id == id && r.Status != ApprovalStatus.AwaitingConfirmation, ct);
        if (request is null || (kind is not null && request.Kind != kind))
            return Outcome.NotFound;
        if (request.Status != ApprovalStatus.Pending)
            return Outcome.Conflict(Problems.DecidedMeanwhile);
        await db.Database.BeginTransactionAsync(ct);
        decide(request);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await AbandonAsync(Outcome.Conflict(Problems.DecidedMeanwhile), ct);
        }
        return request;
    }

    /// <summary>Emails the decision, records it and commits it with its effects.</summary>
    private async Task<Outcome<ApprovalRequest>> ConcludeAsync(ApprovalRequest request, Decider decider, CancellationToken ct)
    {
        var approved = request.Status == ApprovalStatus.Approved;
        if (approved)
            await mail.QueueApprovedAsync(request, ct);
        else
            await mail.QueueDeclinedAsync(request, ct);
        audit.Record(approved ? AuditActions.Approval.Approved : AuditActions.Approval.Declined, AuditActions.Approval.Type, request.Id,
            new { Status = nameof(ApprovalStatus.Pending) }, new { Status = request.Status.ToString(), Reason = request.DeclineReason }, actorName: decider.Name ?? AutomaticDecider);
        await db.SaveChangesAsync(ct);
        await db.Database.CommitTransactionAsync(ct);
        return request;
    }

    /// <summary>Rolls the claimed decision back with whatever its effects had done, and says why.</summary>
    private async Task<Failure> AbandonAsync(Failure problem, CancellationToken ct)
    {
        await db.Database.RollbackTransactionAsync(ct);
        db.ChangeTracker.Clear();
        return problem;
    }

    /// <summary>
    /// Into the queue: a sign-up is approved at once when the reseller's settings say so; otherwise
    /// the reseller's admins are told.
    /// </summary>
    internal async Task AdmitAsync(ApprovalRequest request, SignUpSettings? settings, CancellationToken ct)
    {
        request.EnterQueue();
        if (request.Kind == ApprovalKind.SignUp && settings is { AutoApprove: true, DefaultPriceBookId: { } book })
        {
            await db.SaveChangesAsync(ct);
            var currency = await db.Set<PriceBook>().Where(b => b.Id == book).Select(b => b.Currency).FirstAsync(ct);
            var terms = new ApprovalTerms(currency, book, settings.DefaultSupportPlanId,
                settings.DefaultProviders.Select(p => new ProviderGrant(p, null, settings.DefaultEnabledInPortal)).ToList());
            if ((await ApproveSignUpAsync(request.Id, terms, Decider.Automatic, ct)).IsDone)
                return;
        }
        var admins = await db.Users.AsNoTracking()
            .Where(u => u.Kind == UserKind.Staff && u.ResellerId == request.ResellerId && (u.Role == PortalRoles.Owner || u.Role == PortalRoles.Admin) && u.PasswordHash != null)
            .ToListAsync(ct);
        await mail.QueueNewRequestAsync(request, admins, ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task<FieldErrors> CheckTermsAsync(ApprovalTerms terms, CancellationToken ct)
    {
        var errors = new FieldErrors();
        await customers.CheckPricingAsync(errors, terms.Currency, terms.PriceBookId, required: true, ct);
        if (terms.SupportPlanId is not { } plan || !await db.Set<SupportPlan>().AnyAsync(p => p.Id == plan, ct))
            errors.Add("SupportPlanId", Problems.SupportPlanRequired);
        if (terms.Providers.Count == 0 || terms.Providers.Any(p => !CloudProviders.IsKnown(p.Provider)))
            errors.Add("Providers", Problems.ProvidersRequired);
        foreach (var grant in terms.Providers.Where(p => p.PriceBookId is not null))
            await customers.CheckPricingAsync(errors, terms.Currency, grant.PriceBookId, required: true, ct, $"Providers.{grant.Provider}");
        return errors;
    }

    /// <summary>Who decides: a person, or nobody (an automatic approval).</summary>
    private sealed record Decider(Guid? UserId, string? Name)
    {
        public static readonly Decider Automatic = new(null, null);
    }

}
