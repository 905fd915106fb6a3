using IonPortal.Core.Accounts;
using IonPortal.Core.Auditing;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Paging;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Resellers;

public sealed record ApplicationSummary(Guid Id, string CompanyName, string ContactName, string ContactEmail, string Country, RequestStatus Status, DateTimeOffset CreatedAt);

/// <summary>
/// Becoming a reseller: a company asks for platform access on a public page; operators review the
/// requests and approve one by creating the reseller (its nickname, and an invitation to its first
/// admin) or decline it with a reason. Emails go to the company and to the operators.
/// </summary>
public sealed class ResellerApplications(PortalDbContext db, CurrentActor actor, AuditTrail audit, ResellerOnboarding onboarding, AccountDirectory directory,
    IPlatformMail mail, TimeProvider clock)
{
    public async Task<Outcome<ResellerApplication>> SubmitAsync(ResellerApplicationDraft draft, string? language, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(draft.CompanyName))
            errors.Add(nameof(draft.CompanyName), Problems.CompanyRequired);
        else if (draft.CompanyName.Trim().Length > 200)
            errors.Add(nameof(draft.CompanyName), Problems.TooLong(200));
        CustomerRecords.CheckContact(draft.Contact, errors);
        PostalAddresses.Validate(draft.Address, errors);
        var partnerId = draft.MicrosoftPartnerId.TrimmedOrNull();
        if (partnerId is not null && !(partnerId.Length is >= 6 and <= 10 && partnerId.All(char.IsAsciiDigit)))
            errors.Add(nameof(draft.MicrosoftPartnerId), Problems.PartnerIdInvalid);
        if (draft.Message?.Trim().Length > 2000)
            errors.Add(nameof(draft.Message), Problems.TooLong(2000));
        var email = draft.Contact.Email?.Trim() ?? "";
        if (errors["Email"] is null)
        {
            if (await directory.IsTakenAsync(SignInRealm.Console, email, ct))
                errors.Add("Email", Problems.EmailTakenInConsole);
            else if (await db.Set<ResellerApplication>().AnyAsync(a => a.ContactEmail == email && a.Status == RequestStatus.Requested, ct))
                errors.Add("Email", Problems.ApplicationAlreadyWaiting);
        }
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);

        var address = PostalAddresses.Normalize(draft.Address);
        var now = clock.GetUtcNow();
        var application = new ResellerApplication
        {
            Id = Guid.CreateVersion7(now), CompanyName = draft.CompanyName!.Trim(),
            Street = address.Street!, City = address.City!, State = address.State, PostalCode = address.PostalCode!, Country = address.Country!,
            ContactFirstName = draft.Contact.FirstName!.Trim(), ContactLastName = draft.Contact.LastName!.Trim(), ContactEmail = email,
            ContactPhone = draft.Contact.Phone.TrimmedOrNull(), ContactTitle = draft.Contact.Title.TrimmedOrNull(),
            MicrosoftPartnerId = partnerId, Message = draft.Message.TrimmedOrNull(), Language = Languages.IsSupported(language) ? language! : "en", CreatedAt = now,
        };
        db.Add(application);
        audit.Record(AuditActions.ResellerApplication.Submitted, AuditActions.ResellerApplication.Type, application.Id, null,
            new { application.CompanyName, application.ContactEmail, application.Country, application.MicrosoftPartnerId }, actorName: application.ContactName);
        await mail.QueueApplicationReceivedAsync(application, await OperatorsAsync(ct), ct);
        await db.SaveChangesAsync(ct);
        return application;
    }

    public async Task<Page<ApplicationSummary>?> QueueAsync(RequestStatus? status, PageRequest page, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.OnboardResellers))
            return null;
        return await db.Set<ResellerApplication>().AsNoTracking()
            .Where(a => status == null || a.Status == status)
            .OrderByDescending(a => a.Status == RequestStatus.Requested).ThenBy(a => a.CreatedAt)
            .Select(a => new ApplicationSummary(a.Id, a.CompanyName, a.ContactFirstName + " " + a.ContactLastName, a.ContactEmail, a.Country, a.Status, a.CreatedAt))
            .ToPageAsync(page, ct);
    }

    public async Task<ResellerApplication?> FindAsync(Guid id, CancellationToken ct = default) =>
        actor.May(PortalAction.OnboardResellers) ? await db.Set<ResellerApplication>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) : null;

    /// <summary>Creates the reseller with this nickname, invites the contact as its owner, and marks the request approved.</summary>
    public async Task<Outcome<Reseller>> ApproveAsync(Guid id, string? nickname, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.OnboardResellers))
            return Outcome.Forbidden(Problems.MayNotOnboardResellers);
        var application = await db.Set<ResellerApplication>().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null)
            return Outcome.NotFound;
        if (application.Status != RequestStatus.Requested)
            return Outcome.Conflict(Problems.DecidedMeanwhile);
        // Onboarding saves the reseller, its owner and the invitation in its own transaction; the
        // decision is kept right after (a reseller without its decision would still be a reseller).
        var onboarded = await onboarding.OnboardAsync(new NewReseller(nickname, application.CompanyName, application.ContactEmail, application.ContactName, application.ContactEmail), ct);
        if (!onboarded.IsDone)
            return onboarded.Errors["AdminEmail"] is { } emailProblem ? Outcome.Conflict(emailProblem) : onboarded.AsFailure();
        application.Approve(onboarded.Value.Id, actor.Value.Name, clock.GetUtcNow());
        audit.Record(AuditActions.ResellerApplication.Approved, AuditActions.ResellerApplication.Type, application.Id, null, new { onboarded.Value.Nickname });
        await db.SaveChangesAsync(ct);
        return onboarded.Value;
    }

    public async Task<Outcome<ResellerApplication>> DeclineAsync(Guid id, string? reason, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.OnboardResellers))
            return Outcome.Forbidden(Problems.MayNotOnboardResellers);
        var application = await db.Set<ResellerApplication>().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null)
            return Outcome.NotFound;
        if (string.IsNullOrWhiteSpace(reason))
            return Outcome.Invalid("Reason", Problems.ReasonRequired);
        if (reason.Trim().Length > 1000)
            return Outcome.Invalid("Reason", Problems.TooLong(1000));
        if (application.Status != RequestStatus.Requested)
            return Outcome.Conflict(Problems.DecidedMeanwhile);
        application.Decline(reason.Trim(), actor.Value.Name, clock.GetUtcNow());
        audit.Record(AuditActions.ResellerApplication.Declined, AuditActions.ResellerApplication.Type, application.Id, null, new { Reason = reason.Trim() });
        await mail.QueueApplicationDeclinedAsync(application, ct);
        await db.SaveChangesAsync(ct);
        return application;
    }

    private Task<List<PortalUser>> OperatorsAsync(CancellationToken ct) =>
        db.Users.Where(u => u.Kind == UserKind.Operator && u.PasswordHash != null).ToListAsync(ct);
}
