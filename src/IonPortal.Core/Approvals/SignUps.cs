using System.Security.Cryptography;
using System.Text;
using IonPortal.Core.Accounts;
using IonPortal.Core.Auditing;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Tenancy;
using IonPortal.Core.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Approvals;

/// <summary>What a visitor fills in to open an account.</summary>
public sealed record SignUpForm(string? CompanyName, ContactDetails Contact, PostalAddress Address, string? PreferredLanguage, string? Password, bool AcceptTerms);

/// <summary>
/// Visitors signing up on a reseller's storefront: the form, the emailed confirmation, then the
/// approval queue (or an approval at once, when the reseller says so).
/// </summary>
public sealed class SignUps(PortalDbContext db, TenantContext tenant, AccountDirectory directory, UserManager<PortalUser> users,
    SignUpSetup setup, ApprovalQueue queue, IApprovalMail mail, AuditTrail audit, TimeProvider clock)
{

    private IQueryable<ApprovalRequest> Requests => db.Set<ApprovalRequest>();

    /// <summary>
    /// A visitor signs up. The request waits for the emailed confirmation when the reseller wants
    /// one, then joins the queue (or is approved at once). Nothing is saved when the form has errors.
    /// </summary>
    public async Task<Outcome<ApprovalRequest>> SignUpAsync(SignUpForm form, CancellationToken ct = default)
    {
        var settings = await setup.SettingsAsync(ct);
        var errors = new FieldErrors();
        if (!settings.AllowSignUp)
            return Outcome.Invalid("", Problems.SignUpClosed);
        if (string.IsNullOrWhiteSpace(form.CompanyName))
            errors.Add(nameof(form.CompanyName), Problems.CompanyRequired);
        else if (form.CompanyName.Trim().Length > 200)
            errors.Add(nameof(form.CompanyName), Problems.TooLong(200));
        Customers.CustomerRecords.CheckContact(form.Contact, errors);
        if (settings.RequireAddress || !string.IsNullOrWhiteSpace(form.Address.Country))
            PostalAddresses.Validate(form.Address, errors);
        if (!Languages.IsSupported(form.PreferredLanguage))
            errors.Add(nameof(form.PreferredLanguage), Problems.LanguageUnsupported);
        if (!PasswordPolicy.IsLongEnough(form.Password))
            errors.Add(nameof(form.Password), Problems.TooShort(PasswordPolicy.MinimumLength));
        if (!string.IsNullOrWhiteSpace(settings.TermsText) && !form.AcceptTerms)
            errors.Add(nameof(form.AcceptTerms), Problems.AcceptTermsRequired);

        var email = form.Contact.Email?.Trim() ?? "";
        if (errors[nameof(ContactDetails.Email)] is null)
        {
            if (!settings.AcceptsEmail(email))
                errors.Add(nameof(ContactDetails.Email), Problems.DomainNotAccepted);
            else if (await directory.IsTakenAsync(SignInRealm.Storefront(tenant.RequiredResellerId), email, ct))
                errors.Add(nameof(ContactDetails.Email), Problems.AccountExists);
            else if (await Requests.AnyAsync(r => r.Kind == ApprovalKind.SignUp && r.ContactEmail.ToLower() == email.ToLower() && r.Status == ApprovalStatus.Pending, ct))
                errors.Add(nameof(ContactDetails.Email), Problems.AlreadyWaiting);
        }
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);

        var now = clock.GetUtcNow();
        var address = form.Address.Country is null ? null : PostalAddresses.Normalize(form.Address);
        var request = new ApprovalRequest
        {
            Id = Guid.CreateVersion7(now), ResellerId = tenant.RequiredResellerId, Kind = ApprovalKind.SignUp, CreatedAt = now,
            CompanyName = form.CompanyName!.Trim(), ContactFirstName = form.Contact.FirstName!.Trim(), ContactLastName = form.Contact.LastName!.Trim(),
            ContactEmail = email, ContactPhone = form.Contact.Phone.TrimmedOrNull(), ContactTitle = form.Contact.Title.TrimmedOrNull(),
            Street = address?.Street, City = address?.City, State = address?.State, PostalCode = address?.PostalCode, Country = address?.Country,
            PreferredLanguage = form.PreferredLanguage!, PasswordHash = users.PasswordHasher.HashPassword(new PortalUser(), form.Password!),
            TermsAcceptedAt = string.IsNullOrWhiteSpace(settings.TermsText) ? null : now,
        };
        // Signing up again (the confirmation email got lost) replaces the unconfirmed attempt.
        db.RemoveRange(await Requests.Where(r => r.Kind == ApprovalKind.SignUp && r.ContactEmail.ToLower() == email.ToLower()
            && r.Status == ApprovalStatus.AwaitingConfirmation).ToListAsync(ct));
        db.Add(request);
        audit.Record(AuditActions.Approval.SignedUp, AuditActions.Approval.Type, request.Id, null, new { request.CompanyName, request.ContactEmail }, actorName: email);
        if (settings.RequireEmailConfirmation)
        {
            var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            request.AwaitConfirmation(Sha256Hex(token));
            await mail.QueueConfirmationAsync(request, token, ct);
            await db.SaveChangesAsync(ct);
        }
        else
        {
            await queue.AdmitAsync(request, settings, ct);
        }
        return request;
    }

    /// <summary>The emailed link: moves the sign-up into the queue (or approves it at once). Null when the link is not valid (any more).</summary>
    public async Task<ApprovalRequest?> ConfirmAsync(Guid requestId, string? token, CancellationToken ct = default)
    {
        var request = await Requests.FirstOrDefaultAsync(r => r.Id == requestId && r.Kind == ApprovalKind.SignUp, ct);
        if (request is null || token is null)
            return null;
        if (request.Status != ApprovalStatus.AwaitingConfirmation)
            return request.ConfirmedAt is not null ? request : null;   // a second click shows where it stands
        var now = clock.GetUtcNow();
        if (!request.MayConfirm(now))
            return null;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sha256Hex(token)), Encoding.ASCII.GetBytes(request.ConfirmationTokenHash ?? "")))
            return null;
        request.Confirm(now);
        audit.Record(AuditActions.Approval.EmailConfirmed, AuditActions.Approval.Type, request.Id, null, new { request.ContactEmail }, request.ResellerId, request.ContactEmail);
        await queue.AdmitAsync(request, await setup.SettingsAsync(ct), ct);
        return request;
    }

    private static string Sha256Hex(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
