using IonPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IonPortal.Core.Messaging;

/// <summary>Hands one email to the outside world (SMTP in production).</summary>
public interface IEmailTransport
{
    Task SendAsync(EmailMessage message, CancellationToken ct);
}

/// <summary>
/// Sends due outbox emails. Each batch is claimed with <c>FOR UPDATE SKIP LOCKED</c>, so any number
/// of web nodes can run a dispatcher without sending an email twice.
/// </summary>
public sealed class EmailDispatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<EmailDispatcher> logger) : BackgroundService
{
    public const int BatchSize = 20;
    public const int MaxAttempts = 8;
    private static readonly TimeSpan IdleDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int sent;
            try
            {
                sent = await DispatchDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The email dispatcher failed; it will try again");
                sent = 0;
            }
            if (sent < BatchSize)
                await Task.Delay(IdleDelay, clock, stoppingToken);
        }
    }

    /// <summary>Sends one batch of due emails; returns how many were claimed.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var transport = scope.ServiceProvider.GetRequiredService<IEmailTransport>();
        var now = clock.GetUtcNow();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = await db.Set<EmailMessage>()
            .FromSql($"""
                SELECT * FROM email_outbox
                WHERE sent_at IS NULL AND attempts < {MaxAttempts} AND next_attempt_at <= {now}
                ORDER BY next_attempt_at
                LIMIT {BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);

        foreach (var message in batch)
        {
            message.Attempts++;
            try
            {
                await transport.SendAsync(message, ct);
                message.SentAt = clock.GetUtcNow();
                message.LastError = null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                message.LastError = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
                message.NextAttemptAt = clock.GetUtcNow() + TimeSpan.FromMinutes(Math.Pow(2, message.Attempts));
                logger.LogWarning(e, "Sending email {EmailId} failed (attempt {Attempt})", message.Id, message.Attempts);
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return batch.Count;
    }
}
