using IonPortal.Core.Accounts;
using IonPortal.Core.Auditing;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.PartnerCenter;
using IonPortal.Core.Tenancy;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IonPortal.Core.MicrosoftTenants;

/// <summary>
/// The Microsoft Customer Agreement, which Microsoft requires before a customer's first purchase:
/// the reseller attests that the customer accepted it, or asks the customer's admin, who accepts it
/// in the customer portal. Either way it is confirmed to Partner Center for the customer's tenant.
/// </summary>
public sealed class CustomerAgreements(PortalDbContext db, TenantContext tenant, CurrentActor actor, OwnCompany company, AuditTrail audit, PartnerCenterClient partnerCenter,
    IOptions<PartnerCenterOptions> options, IMicrosoftMail mail, TimeProvider clock)
{
    /// <summary>Where the agreement stands against the version Microsoft asks for now.</summary>
    public AgreementStatus StatusOf(CustomerAgreement? agreement) => agreement?.StatusFor(options.Value.CustomerAgreementTemplateId) ?? AgreementStatus.Required;

    /// <summary>The reseller attests that the customer accepted the agreement (signer, day), confirming it to Microsoft.</summary>
    public async Task<Outcome<CustomerAgreement>> AttestAsync(Guid customerId, AgreementSigner signer, DateOnly? dateAccepted, bool attested, CancellationToken ct = default)
    {
        var customer = await db.Set<Customer>().FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.ManageCustomers))
            return Outcome.Forbidden(Problems.MayNotChangeCustomers);
        var errors = new FieldErrors();
        CheckAcceptance(signer, dateAccepted, errors);
        if (!attested)
            errors.Add("Attested", Problems.AttestationRequired);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);
        if (await LinkedTenantAsync(customerId, ct) is not { } tenantId)
            return Outcome.Conflict(Problems.TenantNotLinked);
        return await RecordAsync(customer, tenantId, signer, dateAccepted!.Value, AgreementAcceptedBy.Reseller, ct);
    }

    /// <summary>Emails one of the customer's admins a link to accept the agreement in the customer portal.</summary>
    public async Task<Outcome<CustomerAgreement>> AskCustomerAsync(Guid customerId, Guid? adminId, CancellationToken ct = default)
    {
        var customer = await db.Set<Customer>().FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.ManageCustomers))
            return Outcome.Forbidden(Problems.MayNotChangeCustomers);
        var admin = await db.Users.FirstOrDefaultAsync(u => u.Id == adminId && u.ResellerId == tenant.RequiredResellerId && u.CustomerId == customerId
            && u.Role == PortalRoles.CustomerAdmin && (u.LockoutEnd == null || u.LockoutEnd < PortalUser.AccessRemovedUntil), ct);
        if (admin is null)
            return Outcome.Invalid("AdminId", Problems.NotAnActiveCustomerAdmin);
        if (await LinkedTenantAsync(customerId, ct) is null)
            return Outcome.Conflict(Problems.TenantNotLinked);
        var agreement = await db.Set<CustomerAgreement>().FirstOrDefaultAsync(a => a.CustomerId == customerId, ct);
        if (StatusOf(agreement) == AgreementStatus.Accepted)
            return Outcome.Conflict(Problems.AgreementAlreadyAccepted);
        if (agreement is null)
            db.Add(agreement = CustomerAgreement.For(customerId, customer.ResellerId));
        agreement.AskCustomer(admin.Email!, clock.GetUtcNow());
        await mail.QueueAgreementRequestAsync(customer, admin, ct);
        audit.Record(AuditActions.Customer.AgreementRequested, AuditActions.Customer.Type, customerId, null, new { From = admin.Email });
        await db.SaveChangesAsync(ct);
        return agreement;
    }

    /// <summary>The signed-in customer admin's company: its agreement and whether it can be accepted here (its tenant is linked); null for anyone else.</summary>
    public async Task<(Customer Customer, AgreementStatus Status, bool TenantLinked, CustomerAgreement? Agreement)?> ForMyCompanyAsync(CancellationToken ct = default)
    {
        if (await MyCompanyAsync(ct) is not { } customer)
            return null;
        var agreement = await db.Set<CustomerAgreement>().AsNoTracking().FirstOrDefaultAsync(a => a.CustomerId == customer.Id, ct);
        return (customer, StatusOf(agreement), await LinkedTenantAsync(customer.Id, ct) is not null, agreement);
    }

    /// <summary>The customer's admin accepts the agreement in the customer portal, today, as the signer.</summary>
    public async Task<Outcome<CustomerAgreement>> AcceptAsync(AgreementSigner signer, bool accepted, CancellationToken ct = default)
    {
        if (await MyCompanyAsync(ct) is not { } customer)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.AcceptAgreements))
            return Outcome.Forbidden(Problems.MayNotAcceptAgreements);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var errors = new FieldErrors();
        CheckAcceptance(signer, today, errors);
        if (!accepted)
            errors.Add("Accepted", Problems.AcceptAgreementRequired);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);
        if (await LinkedTenantAsync(customer.Id, ct) is not { } tenantId)
            return Outcome.Conflict(Problems.TenantNotLinkedYet);
        return await RecordAsync(customer, tenantId, signer, today, AgreementAcceptedBy.Customer, ct);
    }

    /// <summary>The signer's details and the day of acceptance: all required, the day not in the future.</summary>
    internal void CheckAcceptance(AgreementSigner signer, DateOnly? dateAccepted, FieldErrors errors)
    {
        CustomerRecords.CheckContact(new ContactDetails(signer.FirstName, signer.LastName, signer.Email, signer.Phone, null), errors, "Signer");
        if (string.IsNullOrWhiteSpace(signer.Phone))
            errors.Add("SignerPhone", Problems.PhoneRequired);
        // Today somewhere on earth (UTC+14) is the latest day anyone can have accepted it.
        var latest = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(14));
        if (dateAccepted is null)
            errors.Add("DateAccepted", Problems.DateAcceptedRequired);
        else if (dateAccepted > latest)
            errors.Add("DateAccepted", Problems.DateAcceptedInFuture);
    }

    /// <summary>Confirms the acceptance to Partner Center, then keeps it; nothing is kept when Microsoft refuses.</summary>
    internal async Task<Outcome<CustomerAgreement>> RecordAsync(Customer customer, Guid tenantId, AgreementSigner signer, DateOnly dateAccepted, AgreementAcceptedBy by, CancellationToken ct)
    {
        var templateId = options.Value.CustomerAgreementTemplateId;
        var confirmed = await partnerCenter.ConfirmAgreementAsync(tenantId,
            new AgreementAcceptance(signer.FirstName!.Trim(), signer.LastName!.Trim(), signer.Email!.Trim(), signer.Phone!.Trim(), dateAccepted, templateId), ct);
        if (!confirmed.IsDone)
            return confirmed.AsFailure();
        var agreement = await db.Set<CustomerAgreement>().FirstOrDefaultAsync(a => a.CustomerId == customer.Id, ct);
        if (agreement is null)
            db.Add(agreement = CustomerAgreement.For(customer.Id, customer.ResellerId));
        agreement.Accept(signer, dateAccepted, templateId, by, clock.GetUtcNow());
        audit.Record(by == AgreementAcceptedBy.Reseller ? AuditActions.Customer.AgreementAttested : AuditActions.Customer.AgreementAccepted, AuditActions.Customer.Type, customer.Id, null,
            new { Signer = $"{agreement.SignerFirstName} {agreement.SignerLastName}", agreement.SignerEmail, agreement.SignerPhone, DateAccepted = dateAccepted.ToString("yyyy-MM-dd"), Version = templateId });
        await db.SaveChangesAsync(ct);
        return agreement;
    }

    private async Task<Guid?> LinkedTenantAsync(Guid customerId, CancellationToken ct) =>
        await db.Set<MicrosoftTenant>().LinkedFor(customerId).Select(t => t.TenantId).FirstOrDefaultAsync(ct);

    private async Task<Customer?> MyCompanyAsync(CancellationToken ct) =>
        await company.IdAsync(ct) is { } customerId
            ? await db.Set<Customer>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, ct)
            : null;
}
