using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using IonPortal.Core.Tenancy;

namespace IonPortal.Core.Messaging;

/// <summary>
/// An email in the outbox. It is written in the same transaction as the change that caused it and
/// sent later by <see cref="EmailDispatcher"/>, so an email goes out if and only if the change stuck.
/// </summary>
[SharedAcrossTenants("The outbox is the platform's: operators read it and the dispatcher sends every reseller's mail.")]
public sealed class EmailMessage
{
    public Guid Id { get; init; }

    /// <summary>The reseller the email was sent for; null for platform emails.</summary>
    public Guid? ResellerId { get; init; }

    public string To { get; init; } = "";

    public string Subject { get; init; } = "";

    public string HtmlBody { get; init; } = "";

    public string TextBody { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the dispatcher may try (again); retries back off after each failure.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }
}

internal sealed class EmailMessageConfiguration : IEntityTypeConfiguration<EmailMessage>
{
    public void Configure(EntityTypeBuilder<EmailMessage> b)
    {
        b.ToTable("email_outbox");
        b.Property(m => m.To).HasMaxLength(254).HasColumnName("to_address");
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.LastError).HasMaxLength(2000);
        // The dispatcher's queue: unsent messages in due order.
        b.HasIndex(m => m.NextAttemptAt).HasFilter("sent_at IS NULL").HasDatabaseName("ix_email_outbox_due");
        b.HasIndex(m => m.CreatedAt);
    }
}
