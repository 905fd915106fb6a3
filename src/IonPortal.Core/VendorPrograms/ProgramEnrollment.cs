using IonPortal.Core.Resellers;
using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IonPortal.Core.VendorPrograms;

/// <summary>A vendor's reseller program on the platform, and the cloud provider whose products it lets a reseller sell.</summary>
public sealed record VendorProgram(string Code, string Name, string Provider);

public static class VendorProgramCatalog
{
    public static readonly IReadOnlyList<VendorProgram> All =
    [
        new("microsoft-csp", "Microsoft CSP", "microsoft"),
        new("google-workspace", "Google Workspace", "google"),
        new("aws", "AWS", "aws"),
        new("adobe-vip", "Adobe VIP", "adobe"),
    ];

    public static VendorProgram? Find(string? code) => All.FirstOrDefault(p => p.Code == code);

    /// <summary>The program a provider's products need; null when they need none (vendor direct).</summary>
    public static VendorProgram? ForProvider(string provider) => All.FirstOrDefault(p => p.Provider == provider);
}

/// <summary>
/// A reseller's request to sell a vendor's products, with the terms it accepted and its reseller
/// domain name, and the platform's decision. Both sides see it: the reseller its own, operators all.
/// </summary>
[SharedAcrossTenants("Operators decide every reseller's program requests; the reseller side filters to its own.")]
public sealed class ProgramEnrollment
{
    public Guid Id { get; init; }

    public Guid ResellerId { get; init; }

    public string Program { get; init; } = "";

    public RequestStatus Status { get; private set; }

    /// <summary>The domain the vendor knows the reseller by (contoso-reseller.com).</summary>
    public string ResellerDomain { get; private set; } = "";

    public DateTimeOffset TermsAcceptedAt { get; private set; }

    public string RequestedBy { get; private set; } = "";

    public DateTimeOffset RequestedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DeclineReason { get; private set; }

    public static ProgramEnrollment For(Guid resellerId, string program) => new() { Id = Guid.CreateVersion7(), ResellerId = resellerId, Program = program };

    /// <summary>An enrollment the platform approved outside the request flow (a reseller onboarded with its programs, demo data).</summary>
    public static ProgramEnrollment Approved(Guid resellerId, string program, string resellerDomain, string by, DateTimeOffset at)
    {
        var enrollment = For(resellerId, program);
        enrollment.Request(resellerDomain, by, at);
        enrollment.Approve(by, at);
        return enrollment;
    }

    internal void Request(string domain, string by, DateTimeOffset at) =>
        (Status, ResellerDomain, TermsAcceptedAt, RequestedBy, RequestedAt, DecidedBy, DecidedAt, DeclineReason) = (RequestStatus.Requested, domain, at, by, at, null, null, null);

    internal void Approve(string by, DateTimeOffset at) => (Status, DecidedBy, DecidedAt) = (RequestStatus.Approved, by, at);

    internal void Decline(string reason, string by, DateTimeOffset at) => (Status, DeclineReason, DecidedBy, DecidedAt) = (RequestStatus.Declined, reason, by, at);
}

internal sealed class ProgramEnrollmentConfiguration : IEntityTypeConfiguration<ProgramEnrollment>
{
    public void Configure(EntityTypeBuilder<ProgramEnrollment> b)
    {
        b.ToTable("program_enrollments", t => t.HasCheckConstraint("ck_program_enrollments_status", "status IN ('Requested', 'Approved', 'Declined')"));
        b.HasOne<Reseller>().WithMany().HasForeignKey(e => e.ResellerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.ResellerId, e.Program }).IsUnique();
        b.HasIndex(e => new { e.Status, e.RequestedAt });
        b.Property(e => e.Program).HasMaxLength(30);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(e => e.ResellerDomain).HasMaxLength(253);
        b.Property(e => e.RequestedBy).HasMaxLength(254);
        b.Property(e => e.DecidedBy).HasMaxLength(254);
        b.Property(e => e.DeclineReason).HasMaxLength(1000);
    }
}
