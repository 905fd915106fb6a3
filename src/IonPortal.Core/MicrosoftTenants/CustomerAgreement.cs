using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Resellers;
using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.MicrosoftTenants;

public enum AgreementStatus
{
    /// <summary>Nobody has accepted it for the customer yet.</summary>
    Required,
    /// <summary>The customer's admin was asked to accept it in the customer portal.</summary>
    Pending,
    Accepted,
    /// <summary>Accepted, but Microsoft has published a newer version since: it must be accepted again.</summary>
    Expired,
}

public enum AgreementAcceptedBy
{
    /// <summary>The reseller attested that the customer accepted it.</summary>
    Reseller,
    /// <summary>The customer's admin accepted it in the customer portal.</summary>
    Customer,
}

/// <summary>Who signs the Microsoft Customer Agreement for the customer.</summary>
public sealed record AgreementSigner(string? FirstName, string? LastName, string? Email, string? Phone);

/// <summary>
/// A customer's acceptance of the Microsoft Customer Agreement, confirmed to Partner Center: who
/// signed it, on which day, which version, and whether the reseller attested it or the customer's
/// admin accepted it in the portal; and an open request for the customer to accept it.
/// </summary>
public sealed class CustomerAgreement : ITenantOwned, IChangeTagged
{
    public Guid CustomerId { get; init; }

    public Guid ResellerId { get; init; }

    public string? SignerFirstName { get; private set; }
    public string? SignerLastName { get; private set; }
    public string? SignerEmail { get; private set; }
    public string? SignerPhone { get; private set; }

    public DateOnly? DateAccepted { get; private set; }

    /// <summary>The version accepted (Partner Center's template id).</summary>
    public string? TemplateId { get; private set; }

    public AgreementAcceptedBy? AcceptedBy { get; private set; }

    public DateTimeOffset? RecordedAt { get; private set; }

    /// <summary>When the customer's admin was last asked to accept it, and who.</summary>
    public DateTimeOffset? RequestedAt { get; private set; }

    public string? RequestedFrom { get; private set; }

    IEnumerable<string> IChangeTagged.ChangeTags => [ChangeTags.Customer(CustomerId)];

    public AgreementSigner? Signer => DateAccepted is null ? null : new(SignerFirstName, SignerLastName, SignerEmail, SignerPhone);

    /// <summary>Where the agreement stands, given the version Microsoft currently asks for.</summary>
    public AgreementStatus StatusFor(string currentTemplateId) => this switch
    {
        { RequestedAt: { } asked } when RecordedAt is null || asked > RecordedAt => AgreementStatus.Pending,
        { DateAccepted: not null } when TemplateId == currentTemplateId => AgreementStatus.Accepted,
        { DateAccepted: not null } => AgreementStatus.Expired,
        _ => AgreementStatus.Required,
    };

    public static CustomerAgreement For(Guid customerId, Guid resellerId) => new() { CustomerId = customerId, ResellerId = resellerId };

    /// <summary>Records an acceptance Partner Center has confirmed (the caller has sent it).</summary>
    public void Accept(AgreementSigner signer, DateOnly dateAccepted, string templateId, AgreementAcceptedBy by, DateTimeOffset at)
    {
        (SignerFirstName, SignerLastName, SignerEmail, SignerPhone) = (signer.FirstName!.Trim(), signer.LastName!.Trim(), signer.Email!.Trim(), signer.Phone!.Trim());
        (DateAccepted, TemplateId, AcceptedBy, RecordedAt) = (dateAccepted, templateId, by, at);
        (RequestedAt, RequestedFrom) = (null, null);
    }

    internal void AskCustomer(string adminEmail, DateTimeOffset at) => (RequestedAt, RequestedFrom) = (at, adminEmail);
}

internal sealed class CustomerAgreementConfiguration : IEntityTypeConfiguration<CustomerAgreement>
{
    public void Configure(EntityTypeBuilder<CustomerAgreement> b)
    {
        b.ToTable("customer_agreements", t =>
            t.HasCheckConstraint("ck_customer_agreements_accepted_by", "accepted_by IN ('Reseller', 'Customer')"));
        b.HasKey(a => a.CustomerId);
        b.HasOne<Customer>().WithOne().HasForeignKey<CustomerAgreement>(a => a.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Reseller>().WithMany().HasForeignKey(a => a.ResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.ResellerId);
        b.Property(a => a.SignerFirstName).HasMaxLength(100);
        b.Property(a => a.SignerLastName).HasMaxLength(100);
        b.Property(a => a.SignerEmail).HasMaxLength(254);
        b.Property(a => a.SignerPhone).HasMaxLength(30);
        b.Property(a => a.TemplateId).HasMaxLength(64);
        b.Property(a => a.AcceptedBy).HasConversion<string>().HasMaxLength(12);
        b.Property(a => a.RequestedFrom).HasMaxLength(254);
        b.Ignore(a => a.Signer);
    }
}
