using IonPortal.Core.Accounts;
using IonPortal.Core.Auditing;
using IonPortal.Core.Data;
using IonPortal.Core.Paging;
using IonPortal.Core.Resellers;
using IonPortal.Core.Tenancy;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IonPortal.Core.VendorPrograms;

/// <summary>A program as a reseller sees it: whether it has asked, and the decision.</summary>
public sealed record ProgramStanding(VendorProgram Program, ProgramEnrollment? Enrollment)
{
    public RequestStatus? Status => Enrollment?.Status;
}

/// <summary>A request in the operators' queue, with the reseller's name.</summary>
public sealed record EnrollmentSummary(Guid Id, string Program, string ResellerName, string ResellerNickname, string ResellerDomain, RequestStatus Status, string RequestedBy, DateTimeOffset RequestedAt);

/// <summary>
/// Vendor programs (article 002): a reseller asks for one (accepting its terms, giving its reseller
/// domain name), a platform operator approves or declines it with a reason, an email goes each
/// way, and a reseller sells a vendor's products only with its program approved.
/// </summary>
public sealed class VendorPrograms(PortalDbContext db, TenantContext tenant, CurrentActor actor, AuditTrail audit, IPlatformMail mail, TimeProvider clock)
{
    private IQueryable<ProgramEnrollment> Mine => db.Set<ProgramEnrollment>().Where(e => e.ResellerId == tenant.RequiredResellerId);

    /// <summary>Every program, with the current reseller's request and its decision.</summary>
    public async Task<IReadOnlyList<ProgramStanding>> MineAsync(CancellationToken ct = default)
    {
        var enrollments = await Mine.AsNoTracking().ToListAsync(ct);
        return VendorProgramCatalog.All.Select(p => new ProgramStanding(p, enrollments.FirstOrDefault(e => e.Program == p.Code))).ToList();
    }

    /// <summary>Asks for a program (again, after a decline); operators hear of it by email.</summary>
    public async Task<Outcome<ProgramEnrollment>> RequestAsync(string? program, string? resellerDomain, bool acceptedTerms, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.RequestPrograms))
            return Outcome.Forbidden(Problems.MayNotRequestPrograms);
        var errors = new FieldErrors();
        if (VendorProgramCatalog.Find(program) is null)
            errors.Add("Program", Problems.ProgramUnknown);
        var domain = resellerDomain?.Trim().ToLowerInvariant() ?? "";
        if (!DomainName.IsValid(domain))
            errors.Add("ResellerDomain", Problems.DomainInvalid);
        if (!acceptedTerms)
            errors.Add("AcceptedTerms", Problems.AcceptTermsRequired);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);

        var enrollment = await Mine.FirstOrDefaultAsync(e => e.Program == program, ct);
        if (enrollment?.Status is RequestStatus.Requested or RequestStatus.Approved)
            return Outcome.Conflict(enrollment.Status == RequestStatus.Approved ? Problems.ProgramAlreadyApproved : Problems.ProgramAlreadyRequested);
        if (enrollment is null)
            db.Add(enrollment = ProgramEnrollment.For(tenant.RequiredResellerId, program!));
        enrollment.Request(domain, actor.Value.Name, clock.GetUtcNow());
        audit.Record(AuditActions.Program.Requested, AuditActions.Program.Type, enrollment.Id, null, new { enrollment.Program, enrollment.ResellerDomain });
        var reseller = await db.Set<Reseller>().FirstAsync(r => r.Id == tenant.RequiredResellerId, ct);
        await mail.QueueProgramRequestedAsync(enrollment, reseller, await db.Users.Where(u => u.Kind == UserKind.Operator && u.PasswordHash != null).ToListAsync(ct), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Outcome.Conflict(Problems.ProgramAlreadyRequested);   // a colleague asked at the same moment
        }
        return enrollment;
    }

    /// <summary>The operators' queue: requests by status (waiting first, oldest first), across resellers.</summary>
    public async Task<Page<EnrollmentSummary>?> QueueAsync(RequestStatus? status, PageRequest page, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.DecidePrograms))
            return null;
        var requests = from e in db.Set<ProgramEnrollment>().AsNoTracking()
                       join r in db.Set<Reseller>() on e.ResellerId equals r.Id
                       where status == null || e.Status == status
                       orderby e.Status == RequestStatus.Requested descending, e.RequestedAt
                       select new EnrollmentSummary(e.Id, e.Program, r.DisplayName, r.Nickname, e.ResellerDomain, e.Status, e.RequestedBy, e.RequestedAt);
        return await requests.ToPageAsync(page, ct);
    }

    /// <summary>One request with its reseller's name, for operators; null for anyone else or an unknown id.</summary>
    public async Task<(ProgramEnrollment Enrollment, Reseller Reseller)?> FindAsync(Guid id, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.DecidePrograms))
            return null;
        var found = await (from e in db.Set<ProgramEnrollment>().AsNoTracking()
                           join r in db.Set<Reseller>().AsNoTracking() on e.ResellerId equals r.Id
                           where e.Id == id
                           select new { e, r }).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.e, found.r);
    }

    public Task<Outcome<ProgramEnrollment>> ApproveAsync(Guid id, CancellationToken ct = default) => DecideAsync(id, null, ct);

    public async Task<Outcome<ProgramEnrollment>> DeclineAsync(Guid id, string? reason, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.DecidePrograms))
            return Outcome.Forbidden(Problems.MayNotDecidePrograms);
        if (string.IsNullOrWhiteSpace(reason))
            return Outcome.Invalid("Reason", Problems.ReasonRequired);
        return reason.Trim().Length > 1000 ? Outcome.Invalid("Reason", Problems.TooLong(1000)) : await DecideAsync(id, reason.Trim(), ct);
    }

    private async Task<Outcome<ProgramEnrollment>> DecideAsync(Guid id, string? declineReason, CancellationToken ct)
    {
        if (!actor.May(PortalAction.DecidePrograms))
            return Outcome.Forbidden(Problems.MayNotDecidePrograms);
        var enrollment = await db.Set<ProgramEnrollment>().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (enrollment is null)
            return Outcome.NotFound;
        if (enrollment.Status != RequestStatus.Requested)
            return Outcome.Conflict(Problems.DecidedMeanwhile);
        var now = clock.GetUtcNow();
        if (declineReason is null)
            enrollment.Approve(actor.Value.Name, now);
        else
            enrollment.Decline(declineReason, actor.Value.Name, now);
        audit.Record(declineReason is null ? AuditActions.Program.Approved : AuditActions.Program.Declined, AuditActions.Program.Type, enrollment.Id, null,
            new { enrollment.Program, Reason = declineReason }, resellerId: enrollment.ResellerId);
        var reseller = await db.Set<Reseller>().FirstAsync(r => r.Id == enrollment.ResellerId, ct);
        var admins = await db.Users.Where(u => u.Kind == UserKind.Staff && u.ResellerId == enrollment.ResellerId
            && (u.Role == PortalRoles.Owner || u.Role == PortalRoles.Admin) && u.PasswordHash != null).ToListAsync(ct);
        await mail.QueueProgramDecidedAsync(enrollment, reseller, admins, ct);
        await db.SaveChangesAsync(ct);
        return enrollment;
    }
}

/// <summary>The rule checkout asks before a reseller sells a provider's products: the provider's vendor program is approved.</summary>
public sealed class VendorProgramGate(PortalDbContext db, TenantContext tenant)
{
    public async Task<Outcome> CheckAsync(string provider, CancellationToken ct = default)
    {
        if (VendorProgramCatalog.ForProvider(provider) is not { } program)
            return Outcome.Done();
        var approved = await db.Set<ProgramEnrollment>().AnyAsync(e => e.ResellerId == tenant.RequiredResellerId && e.Program == program.Code && e.Status == RequestStatus.Approved, ct);
        return approved ? Outcome.Done() : Outcome.Conflict(Problems.ProgramNotApproved);
    }
}
