using IonPortal.Core.Data;
using IonPortal.Core.Paging;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Messaging;

/// <summary>A rendered email, ready to queue.</summary>
public sealed record OutgoingEmail(string To, string Subject, string HtmlBody, string TextBody, Guid? ResellerId);

/// <summary>Queues emails in the caller's unit of work and lists them for the mailbox.</summary>
public sealed class EmailOutbox(PortalDbContext db, TimeProvider clock)
{
    /// <summary>Adds the email to the current unit of work; it is queued when the caller saves.</summary>
    public EmailMessage Queue(OutgoingEmail email)
    {
        var now = clock.GetUtcNow();
        var message = new EmailMessage
        {
            Id = Guid.CreateVersion7(now),
            ResellerId = email.ResellerId,
            To = email.To,
            Subject = email.Subject,
            HtmlBody = email.HtmlBody,
            TextBody = email.TextBody,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Add(message);
        return message;
    }

    /// <summary>Newest first, optionally only those to one address. The outbox is platform-wide.</summary>
    public Task<Page<EmailMessage>> ListAsync(string? to, PageRequest page, CancellationToken ct = default)
    {
        var query = db.Set<EmailMessage>().AsNoTracking();
        if (SearchPattern.Contains(to) is { } pattern)
            query = query.Where(m => EF.Functions.ILike(m.To, pattern));
        return query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).ToPageAsync(page, ct);
    }

    public Task<EmailMessage?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.Set<EmailMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
}
