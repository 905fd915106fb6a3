using IonPortal.Core.Accounts;
using IonPortal.Core.Auditing;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.PartnerCenter;
using IonPortal.Core.Tenancy;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IonPortal.Core.MicrosoftTenants;

/// <summary>A new Microsoft identity for a customer: the tenant's prefix, its company and billing contact and address, and the agreement's acceptance.</summary>
public sealed record NewIdentityDraft(string? DomainPrefix, string? CompanyName, ContactDetails Contact, PostalAddress Address, AgreementSigner Signer, DateOnly? DateAccepted, bool Attested);

/// <summary>
/// What creating an identity gave: the tenant and its first admin's one-time credentials (shown to
/// the reseller once, never kept), and the agreement's problem when only that part failed.
/// </summary>
public sealed record CreatedIdentity(NewTenant Tenant, Problem? AgreementProblem);

/// <summary>A customer's Microsoft side at a glance: its tenant link (if any) and where its agreement stands.</summary>
public sealed record MicrosoftStanding(MicrosoftTenant? Tenant, CustomerAgreement? Agreement, AgreementStatus AgreementStatus)
{
    public bool IsLinked => Tenant?.State == TenantLinkState.Linked;
}

/// <summary>
/// Connects a reseller's customers to Microsoft (article 003), in the console only: a new tenant
/// created through Partner Center from a domain prefix, or an existing tenant whose global admin
/// accepts the reseller relationship invitation and which the reseller then records.
/// </summary>
public sealed class MicrosoftIdentities(PortalDbContext db, CurrentActor actor, AuditTrail audit, PartnerCenterClient partnerCenter,
    CustomerAgreements agreements, IMicrosoftMail mail, TimeProvider clock)
{
    /// <summary>The customer's tenant link and agreement; null when the customer isn't the current reseller's.</summary>
    public async Task<MicrosoftStanding?> StandingAsync(Guid customerId, CancellationToken ct = default)
    {
        if (!await db.Set<Customer>().AnyAsync(c => c.Id == customerId, ct))
            return null;
        var link = await db.Set<MicrosoftTenant>().AsNoTracking().FirstOrDefaultAsync(t => t.CustomerId == customerId, ct);
        var agreement = await db.Set<CustomerAgreement>().AsNoTracking().FirstOrDefaultAsync(a => a.CustomerId == customerId, ct);
        return new MicrosoftStanding(link, agreement, agreements.StatusOf(agreement));
    }

    /// <summary>Whether <c>{prefix}.onmicrosoft.com</c> can still be had, for the form's check as the reseller types.</summary>
    public async Task<Outcome<bool>> IsPrefixFreeAsync(string? prefix, CancellationToken ct = default)
    {
        if (!IsPrefix(prefix?.Trim()))
            return Outcome.Invalid("DomainPrefix", Problems.DomainPrefixInvalid);
        var taken = await partnerCenter.IsDomainTakenAsync(prefix!.Trim().ToLowerInvariant(), ct);
        return taken.IsDone ? !taken.Value : taken.AsFailure();
    }

    /// <summary>
    /// Creates the customer's tenant in Partner Center, links it, and confirms the agreement the
    /// reseller attested. The admin's one-time password goes back to the caller only: it is not
    /// stored, logged or audited.
    /// </summary>
    public async Task<Outcome<CreatedIdentity>> CreateAsync(Guid customerId, NewIdentityDraft draft, CancellationToken ct = default)
    {
        var unlinked = await UnlinkedAsync(customerId, ct);
        if (!unlinked.IsDone)
            return unlinked.AsFailure();
        var (customer, link) = unlinked.Value;

        var errors = new FieldErrors();
        if (!IsPrefix(draft.DomainPrefix?.Trim()))
            errors.Add(nameof(draft.DomainPrefix), Problems.DomainPrefixInvalid);
        if (string.IsNullOrWhiteSpace(draft.CompanyName))
            errors.Add(nameof(draft.CompanyName), Problems.CompanyRequired);
        else if (draft.CompanyName.Trim().Length > 200)
            errors.Add(nameof(draft.CompanyName), Problems.TooLong(200));
        CustomerRecords.CheckContact(draft.Contact, errors);
        PostalAddresses.Validate(draft.Address, errors);   // Microsoft needs a complete address
        agreements.CheckAcceptance(draft.Signer, draft.DateAccepted, errors);
        if (!draft.Attested)
            errors.Add(nameof(draft.Attested), Problems.AttestationRequired);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);

        var request = new NewTenantRequest(draft.DomainPrefix!.Trim().ToLowerInvariant(), draft.CompanyName!.Trim(), draft.Contact,
            PostalAddresses.Normalize(draft.Address), customer.PreferredLanguage);
        var created = await partnerCenter.CreateCustomerAsync(request, ct);
        if (!created.IsDone)
            return created.AsFailure();

        var now = clock.GetUtcNow();
        link.Link(created.Value.TenantId, created.Value.Domain, createdHere: true, now);
        audit.Record(AuditActions.Customer.TenantCreated, AuditActions.Customer.Type, customerId, null, new { created.Value.TenantId, created.Value.Domain, Admin = created.Value.AdminUserName });
        await db.SaveChangesAsync(ct);

        // The tenant exists now whatever happens next: a failed confirmation is said, and attested again later.
        var confirmed = await agreements.RecordAsync(customer, created.Value.TenantId, draft.Signer, draft.DateAccepted!.Value, AgreementAcceptedBy.Reseller, ct);
        return new CreatedIdentity(created.Value, confirmed.IsDone ? null : confirmed.Problem ?? Problems.ProviderFailed);
    }

    /// <summary>The partner's relationship link, to send in the region's words or copy.</summary>
    public async Task<Outcome<string>> InvitationLinkAsync(Guid customerId, CancellationToken ct = default)
    {
        if (!await db.Set<Customer>().AnyAsync(c => c.Id == customerId, ct))
            return Outcome.NotFound;
        return actor.May(PortalAction.ManageCustomers) ? await partnerCenter.RelationshipRequestUrlAsync(ct) : Outcome.Forbidden(Problems.MayNotChangeCustomers);
    }

    /// <summary>
    /// Records that the invitation went out: emailed by the portal to <paramref name="sendTo"/> (the
    /// customer's global admin), or copied by the reseller to send itself when it is null.
    /// </summary>
    public async Task<Outcome<MicrosoftTenant>> InviteAsync(Guid customerId, PartnerRegion region, string? sendTo, CancellationToken ct = default)
    {
        var unlinked = await UnlinkedAsync(customerId, ct);
        if (!unlinked.IsDone)
            return unlinked.AsFailure();
        var (customer, link) = unlinked.Value;
        if (!Enum.IsDefined(region))
            return Outcome.Invalid("Region", Problems.RegionUnknown);
        sendTo = sendTo.TrimmedOrNull();
        if (sendTo is not null && !EmailAddress.IsValid(sendTo))
            return Outcome.Invalid("SendTo", Problems.EmailInvalid);
        var url = await partnerCenter.RelationshipRequestUrlAsync(ct);
        if (!url.IsDone)
            return url.AsFailure();

        link.InvitationWentOut(region, sendTo, clock.GetUtcNow());
        if (sendTo is not null)
            await mail.QueueRelationshipInvitationAsync(customer, sendTo, region, url.Value, ct);
        audit.Record(AuditActions.Customer.TenantInvited, AuditActions.Customer.Type, customerId, null, new { Region = region.ToString(), SentTo = sendTo ?? "(copied)" });
        await db.SaveChangesAsync(ct);
        return link;
    }

    /// <summary>
    /// Links an existing tenant by its id or a domain, once its global admin has accepted the
    /// invitation: Partner Center must list it among the partner's customers.
    /// </summary>
    public async Task<Outcome<MicrosoftTenant>> LinkAsync(Guid customerId, string? tenantIdOrDomain, CancellationToken ct = default)
    {
        var unlinked = await UnlinkedAsync(customerId, ct);
        if (!unlinked.IsDone)
            return unlinked.AsFailure();
        var (customer, link) = unlinked.Value;

        const string field = "TenantIdOrDomain";
        var value = tenantIdOrDomain?.Trim().ToLowerInvariant() ?? "";
        Outcome<ProviderTenant?> found;
        if (Guid.TryParse(value, out var tenantId) && tenantId != Guid.Empty)
            found = await partnerCenter.FindCustomerAsync(tenantId, ct);
        else if (DomainName.IsValid(value))
            found = await partnerCenter.FindCustomerByDomainAsync(value, ct);
        else
            return Outcome.Invalid(field, Problems.TenantIdOrDomainInvalid);
        if (!found.IsDone)
            return found.AsFailure();
        if (found.Value is not { } accepted)
            return Outcome.Invalid(field, Problems.TenantNotAccepted);
        if (await db.Set<MicrosoftTenant>().AnyAsync(t => t.TenantId == accepted.TenantId && t.CustomerId != customerId, ct))
            return Outcome.Invalid(field, Problems.TenantLinkedToAnotherCustomer);

        link.Link(accepted.TenantId, accepted.Domain, createdHere: false, clock.GetUtcNow());
        audit.Record(AuditActions.Customer.TenantLinked, AuditActions.Customer.Type, customerId, null, new { accepted.TenantId, accepted.Domain });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Outcome.Invalid(field, Problems.TenantLinkedToAnotherCustomer);   // linked elsewhere at the same moment
        }
        return link;
    }

    /// <summary>
    /// A customer of the current reseller that the actor may connect to Microsoft and that has no
    /// tenant yet, with its link row (a new one when there is none; saved only if the caller saves).
    /// </summary>
    private async Task<Outcome<(Customer Customer, MicrosoftTenant Link)>> UnlinkedAsync(Guid customerId, CancellationToken ct)
    {
        var customer = await db.Set<Customer>().FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.ManageCustomers))
            return Outcome.Forbidden(Problems.MayNotChangeCustomers);
        var link = await db.Set<MicrosoftTenant>().FirstOrDefaultAsync(t => t.CustomerId == customerId, ct);
        if (link?.State == TenantLinkState.Linked)
            return Outcome.Conflict(Problems.TenantAlreadyLinked);
        if (link is null)
            db.Add(link = MicrosoftTenant.For(customer));
        return (customer, link);
    }

    // 1 to 27 letters and digits: what Microsoft allows before .onmicrosoft.com.
    internal static bool IsPrefix(string? prefix) => prefix is { Length: >= 1 and <= 27 } && prefix.All(char.IsAsciiLetterOrDigit);
}
