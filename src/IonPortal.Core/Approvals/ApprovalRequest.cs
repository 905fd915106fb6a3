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

    public ApprovalStatus Status { get; private set; }

    /// <summary>PostgreSQL's row version (xmin): of two people deciding at once, the second save finds it changed.</summary>
    public uint Version { get; private set; }

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
    public string? ConfirmationTokenHash { get; private set; }

    public DateTimeOffset? TermsAcceptedAt { get; set; }

    /// <summary>The customer: the one asking (account requests) or the one created (approved sign-ups).</summary>
    public Guid? CustomerId { get; set; }

    public Guid? RequestedByUserId { get; set; }

    /// <summary>For account requests: the provider the customer wants access to.</summary>
    public string? Provider { get; set; }

    public string? Message { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public Guid? DecidedByUserId { get; private set; }

    public string? DecidedByName { get; private set; }

    public string? DeclineReason { get; private set; }

    public string ContactName => $"{ContactFirstName} {ContactLastName}".Trim();

    /// <summary>How long a sign-up's confirmation link works.</summary>
    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromDays(7);

    /// <summary>The sign-up waits for its emailed link, of which only the hash is kept.</summary>
    public void AwaitConfirmation(string tokenHash)
    {
        Require(Status == ApprovalStatus.AwaitingConfirmation && ConfirmedAt is null, "await confirmation");
        ConfirmationTokenHash = tokenHash;
    }

    /// <summary>Whether the confirmation link can still be used (it works for seven days).</summary>
    public bool MayConfirm(DateTimeOffset now) => Status == ApprovalStatus.AwaitingConfirmation && CreatedAt >= now - ConfirmationLifetime;

    public void Confirm(DateTimeOffset now)
    {
        Require(MayConfirm(now), "confirm");
        ConfirmedAt = now;
        ConfirmationTokenHash = null;
    }

    /// <summary>Into the queue, for the reseller's staff to decide.</summary>
    public void EnterQueue()
    {
        Require(Status == ApprovalStatus.AwaitingConfirmation, "enter the queue");
        Status = ApprovalStatus.Pending;
    }

    public void Approve(Guid? byUserId, string? byName, DateTimeOffset now) => Decide(ApprovalStatus.Approved, byUserId, byName, now, null);

    public void Decline(string reason, Guid? byUserId, string? byName, DateTimeOffset now) => Decide(ApprovalStatus.Declined, byUserId, byName, now, reason);

    /// <summary>An approved sign-up became this customer; the chosen password now lives on its account.</summary>
    public void BecameCustomer(Guid customerId)
    {
        Require(Kind == ApprovalKind.SignUp && Status == ApprovalStatus.Approved, "become a customer");
        CustomerId = customerId;
        PasswordHash = null;
    }

    private void Decide(ApprovalStatus outcome, Guid? byUserId, string? byName, DateTimeOffset now, string? reason)
    {
        Require(Status == ApprovalStatus.Pending, "be decided");
        (Status, DecidedAt, DecidedByUserId, DecidedByName, DeclineReason) = (outcome, now, byUserId, byName, reason);
    }

    private void Require(bool allowed, string what)
    {
        if (!allowed)
            throw new InvalidOperationException($"A {Status} request can't {what}.");
    }

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
        b.Property(r => r.Version).IsRowVersion();
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
