using IonPortal.Core.Data;
using IonPortal.Core.Customers;
using IonPortal.Core.Resellers;
using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.Approvals;

public enum ApprovalKind
{
    /// <summary>A visitor asking to become a customer.</summary>
    SignUp,
    /// <summary>An existing customer asking for more, such as access to another provider.</summary>
    AccountRequest,
}

/// <summary>
/// A request's life: AwaitingConfirmation (until the email is confirmed, when required) → Pending
/// (in the queue) → Approved or Declined. Decided requests stay, with who decided, when and why.
/// </summary>
public enum ApprovalStatus
{
    AwaitingConfirmation,
    Pending,
    Approved,
    Declined,
}

/// <summary>An item of a reseller's approval queue.</summary>
public sealed class ApprovalRequest : ITenantOwned, IChangeTagged
{
    IEnumerable<string> IChangeTagged.ChangeTags => [Data.ChangeTags.Approvals(ResellerId)];

    public Guid Id { get; init; }

    public Guid ResellerId { get; init; }

    public ApprovalKind Kind { get; init; }

    public ApprovalStatus Status { get; set; }

    public string CompanyName { get; set; } = "";
    public string ContactFirstName { get; set; } = "";
    public string ContactLastName { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public string? ContactPhone { get; set; }
    public string? ContactTitle { get; set; }

    public string? Street { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
    public string? Country { get; set; }

    public string PreferredLanguage { get; set; } = "en";

    /// <summary>The password the visitor chose, hashed; it becomes their account's on approval.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>SHA-256 of the emailed confirmation token.</summary>
    public string? ConfirmationTokenHash { get; set; }

    public DateTimeOffset? TermsAcceptedAt { get; set; }

    /// <summary>The customer: the one asking (account requests) or the one created (approved sign-ups).</summary>
    public Guid? CustomerId { get; set; }

    public Guid? RequestedByUserId { get; set; }

    /// <summary>For account requests: the provider the customer wants access to.</summary>
    public string? Provider { get; set; }

    public string? Message { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public Guid? DecidedByUserId { get; set; }

    public string? DecidedByName { get; set; }

    public string? DeclineReason { get; set; }

    public string ContactName => $"{ContactFirstName} {ContactLastName}".Trim();

    public PostalAddress? Address => Country is null ? null : new PostalAddress(Street, City, State, PostalCode, Country);
}

internal sealed class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> b)
    {
        b.ToTable("approval_requests", t => t.HasCheckConstraint("ck_approval_requests_decision",
            "(status IN ('Approved', 'Declined')) = (decided_at IS NOT NULL) AND (status <> 'Declined' OR decline_reason IS NOT NULL)"));
        b.HasOne<Reseller>().WithMany().HasForeignKey(r => r.ResellerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(r => r.CompanyName).HasMaxLength(200);
        b.Property(r => r.ContactFirstName).HasMaxLength(100);
        b.Property(r => r.ContactLastName).HasMaxLength(100);
        b.Property(r => r.ContactEmail).HasMaxLength(254);
        b.Property(r => r.ContactPhone).HasMaxLength(30);
        b.Property(r => r.ContactTitle).HasMaxLength(100);
        b.Property(r => r.Street).HasMaxLength(200);
        b.Property(r => r.City).HasMaxLength(200);
        b.Property(r => r.State).HasMaxLength(100);
        b.Property(r => r.PostalCode).HasMaxLength(20);
        b.Property(r => r.Country).HasMaxLength(2);
        b.Property(r => r.PreferredLanguage).HasMaxLength(2);
        b.Property(r => r.ConfirmationTokenHash).HasMaxLength(64);
        b.Property(r => r.Provider).HasMaxLength(20);
        b.Property(r => r.Message).HasMaxLength(1000);
        b.Property(r => r.DecidedByName).HasMaxLength(256);
        b.Property(r => r.DeclineReason).HasMaxLength(1000);
        b.Ignore(r => r.ContactName);
        b.Ignore(r => r.Address);
        b.HasIndex(r => new { r.ResellerId, r.Status, r.CreatedAt });
        b.HasIndex(r => new { r.ResellerId, r.ContactEmail });
    }
}
