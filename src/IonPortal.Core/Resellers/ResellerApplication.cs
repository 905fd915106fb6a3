using IonPortal.Core.Customers;
using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.Resellers;

/// <summary>Where a request to the platform stands (a company's to become a reseller, a reseller's for a vendor program).</summary>
public enum RequestStatus
{
    Requested,
    Approved,
    Declined,
}

/// <summary>What a company asking to become a reseller gives: itself, its address, its contact and its Microsoft partner id, if any.</summary>
public sealed record ResellerApplicationDraft(string? CompanyName, PostalAddress Address, ContactDetails Contact, string? MicrosoftPartnerId, string? Message);

/// <summary>A company's request for platform access, reviewed by the operators; approving it creates the reseller.</summary>
[SharedAcrossTenants("A company asking to become a reseller has no tenant yet; only operators read the requests.")]
public sealed class ResellerApplication
{
    public Guid Id { get; init; }

    public string CompanyName { get; init; } = "";

    public string Street { get; init; } = "";
    public string City { get; init; } = "";
    public string? State { get; init; }
    public string PostalCode { get; init; } = "";
    public string Country { get; init; } = "";

    public string ContactFirstName { get; init; } = "";
    public string ContactLastName { get; init; } = "";
    public string ContactEmail { get; init; } = "";
    public string? ContactPhone { get; init; }
    public string? ContactTitle { get; init; }

    /// <summary>The company's Microsoft partner id (formerly MPN id), when it has one.</summary>
    public string? MicrosoftPartnerId { get; init; }

    public string? Message { get; init; }

    /// <summary>"en" or "es": the language it asked in, for the emails it gets.</summary>
    public string Language { get; init; } = "en";

    public RequestStatus Status { get; private set; }

    public string? DeclineReason { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The reseller its approval created.</summary>
    public Guid? ResellerId { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }

    public PostalAddress Address => new(Street, City, State, PostalCode, Country);

    public string ContactName => $"{ContactFirstName} {ContactLastName}".Trim();

    internal void Approve(Guid resellerId, string by, DateTimeOffset at) => (Status, ResellerId, DecidedBy, DecidedAt) = (RequestStatus.Approved, resellerId, by, at);

    internal void Decline(string reason, string by, DateTimeOffset at) => (Status, DeclineReason, DecidedBy, DecidedAt) = (RequestStatus.Declined, reason, by, at);
}

internal sealed class ResellerApplicationConfiguration : IEntityTypeConfiguration<ResellerApplication>
{
    public void Configure(EntityTypeBuilder<ResellerApplication> b)
    {
        b.ToTable("reseller_applications", t =>
        {
            t.HasCheckConstraint("ck_reseller_applications_status", "status IN ('Requested', 'Approved', 'Declined')");
            t.HasCheckConstraint("ck_reseller_applications_language", "language IN ('en', 'es')");
        });
        b.HasOne<Reseller>().WithMany().HasForeignKey(a => a.ResellerId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(a => new { a.Status, a.CreatedAt });
        b.HasIndex(a => a.ContactEmail);
        b.Property(a => a.CompanyName).HasMaxLength(200);
        b.Property(a => a.Street).HasMaxLength(200);
        b.Property(a => a.City).HasMaxLength(200);
        b.Property(a => a.State).HasMaxLength(100);
        b.Property(a => a.PostalCode).HasMaxLength(20);
        b.Property(a => a.Country).HasMaxLength(2);
        b.Property(a => a.ContactFirstName).HasMaxLength(100);
        b.Property(a => a.ContactLastName).HasMaxLength(100);
        b.Property(a => a.ContactEmail).HasMaxLength(254);
        b.Property(a => a.ContactPhone).HasMaxLength(30);
        b.Property(a => a.ContactTitle).HasMaxLength(100);
        b.Property(a => a.MicrosoftPartnerId).HasMaxLength(10);
        b.Property(a => a.Message).HasMaxLength(2000);
        b.Property(a => a.Language).HasMaxLength(2);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(a => a.DeclineReason).HasMaxLength(1000);
        b.Property(a => a.DecidedBy).HasMaxLength(254);
        b.Ignore(a => a.Address);
        b.Ignore(a => a.ContactName);
    }
}
