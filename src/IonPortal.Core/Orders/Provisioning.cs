using IonPortal.Core.Accounts;
using IonPortal.Core.Catalog;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.MicrosoftTenants;
using IonPortal.Core.PartnerCenter;
using IonPortal.Core.Subscriptions;
using IonPortal.Core.Tenancy;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IonPortal.Core.Orders;

/// <summary>
/// An order waiting to be provisioned. Written in the transaction that places (or retries) the
/// order, claimed by one worker at a time with <c>FOR UPDATE SKIP LOCKED</c> and completed in the
/// transaction that records the result: a node that dies mid-way leaves it to be claimed again.
/// </summary>
[SharedAcrossTenants("The provisioning workers claim every reseller's jobs; each then runs inside its reseller's unit of work.")]
public sealed class ProvisioningJob
{
    public Guid Id { get; init; }

    public Guid ResellerId { get; init; }

    public Guid OrderId { get; init; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class ProvisioningJobConfiguration : IEntityTypeConfiguration<ProvisioningJob>
{
    public void Configure(EntityTypeBuilder<ProvisioningJob> b)
    {
        b.ToTable("provisioning_jobs");
        // The workers' queue: open jobs in due order.
        b.HasIndex(j => j.NextAttemptAt).HasFilter("completed_at IS NULL").HasDatabaseName("ix_provisioning_jobs_due");
        b.HasIndex(j => j.OrderId);
        b.Property(j => j.LastError).HasMaxLength(2000);
        b.HasOne<Order>().WithMany().HasForeignKey(j => j.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ProvisioningOptions
{
    /// <summary>Jobs one node works on at once.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>How often an idle worker looks for jobs placed on another node.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first retry's delay; each next one doubles it (up to an hour).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Tries before an order that keeps failing for a passing reason is marked failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How often subscriptions whose term ended are renewed.</summary>
    public TimeSpan RenewalInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Wakes this node's idle workers when it queues a job (other nodes' jobs are found by polling).</summary>
public sealed class ProvisioningSignal
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Wake()
    {
        if (_signal.CurrentCount == 0)
            _signal.Release();
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}

/// <summary>Queues provisioning in the caller's unit of work.</summary>
public sealed class ProvisioningQueue(PortalDbContext db, TenantContext tenant, ProvisioningSignal signal)
{
    // The job isn't tenant-owned (workers claim across resellers), so it is stamped with the reseller here, not by the tenant wall.
    internal void Enqueue(Order order, DateTimeOffset now) =>
        db.Add(new ProvisioningJob { Id = Guid.CreateVersion7(now), ResellerId = tenant.RequiredResellerId, OrderId = order.Id, NextAttemptAt = now, CreatedAt = now });

    /// <summary>After the caller saved: workers start now instead of at their next poll.</summary>
    public void Wake() => signal.Wake();
}

/// <summary>The emails provisioning sends: the order is ready, or it failed and why.</summary>
public interface IOrderMail
{
    Task QueueOrderCompletedAsync(Order order, Customer customer, PortalUser? placedBy, CancellationToken ct);

    Task QueueOrderFailedAsync(Order order, Customer customer, PortalUser? placedBy, CancellationToken ct);
}

/// <summary>
/// Provisions orders at their provider: buys the lines (one request id per order, so the provider
/// buys once however often it is asked), records a subscription per line and completes the order —
/// or retries a passing failure with back-off, and fails the order with the provider's reason
/// when it won't pass. Also renews subscriptions whose term has ended.
/// </summary>
public sealed class Provisioner(WorkScopes work, ProvisioningSignal signal, IOptions<ProvisioningOptions> options,
    TimeProvider clock, ILogger<Provisioner> logger) : BackgroundService
{
    public const string ActorName = "provisioning";

    private static readonly Actor Worker = Actor.System(ActorName);

    private static readonly HashSet<string> Passing =
        [Problems.ProviderBusy.Key, Problems.ProviderFailed.Key, Problems.ProviderTimedOut.Key, Problems.ProviderUnreachable.Key];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Workers)).Select(i => WorkAsync(renews: i == 0, stoppingToken)));

    private async Task WorkAsync(bool renews, CancellationToken ct)
    {
        var nextRenewal = DateTimeOffset.MinValue;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (renews && clock.GetUtcNow() >= nextRenewal)
                {
                    await RenewDueAsync(ct);
                    nextRenewal = clock.GetUtcNow() + options.Value.RenewalInterval;
                }
                if (await RunDueAsync(ct) == 0)
                    await signal.WaitAsync(options.Value.PollInterval, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "A provisioning worker failed; it carries on");
                await Task.Delay(options.Value.PollInterval, clock, ct);
            }
        }
    }

    /// <summary>Claims and provisions one due job; answers how many it provisioned (0 when none was free).</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await work.RunAsync(new WorkContext(Worker), services => services.GetRequiredService<PortalDbContext>().Set<ProvisioningJob>().AsNoTracking()
            .Where(j => j.CompletedAt == null && j.NextAttemptAt <= now).OrderBy(j => j.NextAttemptAt).Take(options.Value.Workers * 2)
            .Select(j => new { j.Id, j.ResellerId }).ToListAsync(ct));
        foreach (var job in due)
        {
            bool claimed;
            try
            {
                claimed = await work.RunAsync(new WorkContext(Worker, job.ResellerId), services => ProvisionAsync(services, job.Id, ct));
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Nothing of the attempt was saved; the job waits its back-off and is tried again.
                logger.LogError(e, "Provisioning job {JobId} failed unexpectedly", job.Id);
                await DeferAsync(job.Id, e.Message, ct);
                return 1;
            }
            if (claimed)
                return 1;
        }
        return 0;
    }

    private async Task<bool> ProvisionAsync(IServiceProvider services, Guid jobId, CancellationToken ct)
    {
        var db = services.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var job = await db.Set<ProvisioningJob>()
            .FromSql($"SELECT * FROM provisioning_jobs WHERE id = {jobId} AND completed_at IS NULL AND next_attempt_at <= {now} FOR UPDATE SKIP LOCKED")
            .FirstOrDefaultAsync(ct);
        if (job is null)
            return false;   // another worker has it, or had it

        // Whatever goes wrong past here (short of the node dying) is undone to this point and the
        // job put off while still locked, so no other worker can claim it in between.
        await tx.CreateSavepointAsync("attempt", ct);
        var attempts = job.Attempts;
        try
        {
            await AttemptAsync(services, db, job, now, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "Provisioning job {JobId} failed unexpectedly; it will be tried again", job.Id);
            db.ChangeTracker.Clear();
            await tx.RollbackToSavepointAsync("attempt", ct);
            var next = clock.GetUtcNow() + Backoff(attempts + 1);
            var error = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
            await db.Set<ProvisioningJob>().Where(j => j.Id == job.Id).ExecuteUpdateAsync(u => u
                .SetProperty(j => j.Attempts, j => j.Attempts + 1).SetProperty(j => j.NextAttemptAt, next).SetProperty(j => j.LastError, error), ct);
        }
        await tx.CommitAsync(ct);
        return true;
    }

    private async Task AttemptAsync(IServiceProvider services, PortalDbContext db, ProvisioningJob job, DateTimeOffset now, CancellationToken ct)
    {
        await ShowProvisioningAsync(job, ct);
        await db.Database.ExecuteSqlAsync($"SELECT id FROM orders WHERE id = {job.OrderId} FOR UPDATE", ct);
        var order = await db.Set<Order>().Include(o => o.Lines).FirstAsync(o => o.Id == job.OrderId, ct);
        if (order.Status != OrderStatus.Provisioning)
        {
            job.CompletedAt = now;   // cancelled (or done) meanwhile
            await db.SaveChangesAsync(ct);
            return;
        }
        job.Attempts++;
        var bought = await ProvisionLinesAsync(services, db, order, ct);
        now = clock.GetUtcNow();
        var mail = services.GetRequiredService<IOrderMail>();
        if (bought.IsDone)
        {
            order.MoveTo(OrderStatus.Completed, ActorName, now);
            job.CompletedAt = now;
            await MailAsync(db, order, mail.QueueOrderCompletedAsync, ct);
            logger.LogInformation("Order {OrderNumber} provisioned: {Lines} lines", order.Number, order.Lines.Count);
        }
        else if (Passing.Contains(bought.Problem!.Key) && job.Attempts < options.Value.MaxAttempts)
        {
            job.LastError = bought.Problem.Key;
            job.NextAttemptAt = now + Backoff(job.Attempts);
            logger.LogWarning("Order {OrderNumber} will be provisioned again at {NextAttempt}: {Problem}", order.Number, job.NextAttemptAt, bought.Problem.Key);
        }
        else
        {
            job.LastError = bought.Problem.Key;
            job.CompletedAt = now;
            order.MoveTo(OrderStatus.Failed, ActorName, now, bought.Problem.Key);
            await MailAsync(db, order, mail.QueueOrderFailedAsync, ct);
            logger.LogWarning("Order {OrderNumber} failed: {Problem}", order.Number, bought.Problem.Key);
        }
        await db.SaveChangesAsync(ct);
    }

    // Saved at once, in its own unit of work, so the order's page shows it while the provider works.
    private Task ShowProvisioningAsync(ProvisioningJob job, CancellationToken ct) =>
        work.RunAsync(new WorkContext(Worker, job.ResellerId), async services =>
        {
            var db = services.GetRequiredService<PortalDbContext>();
            var order = await db.Set<Order>().FirstAsync(o => o.Id == job.OrderId, ct);
            if (order.Status != OrderStatus.Placed)
                return;
            order.MoveTo(OrderStatus.Provisioning, ActorName, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        });

    /// <summary>
    /// Buys the order's licence lines in one cart (one request id per order: bought once however
    /// often asked) and deploys its solution lines (one deployment name per line: deployed once).
    /// </summary>
    private async Task<Outcome> ProvisionLinesAsync(IServiceProvider services, PortalDbContext db, Order order, CancellationToken ct)
    {
        if (order.Provider != "microsoft")
            return Outcome.Conflict(Problems.ProviderNotConnected);
        var tenantId = await db.Set<MicrosoftTenant>().LinkedFor(order.CustomerId).Select(t => t.TenantId).FirstOrDefaultAsync(ct);
        if (tenantId is null)
            return Outcome.Conflict(Problems.TenantNotLinked);

        var licences = order.Lines.Where(l => !l.IsSolution).OrderBy(l => l.LineNumber).ToList();
        if (licences.Count > 0)
        {
            var purchase = licences.Select(l => new PurchaseLine(l.Sku, l.Quantity, l.Term, l.Billing)).ToList();
            var bought = await services.GetRequiredService<PartnerCenterClient>().PurchaseAsync(tenantId.Value, purchase, requestId: order.Id, ct);
            if (!bought.IsDone)
                return bought.AsFailure();
            await RecordSubscriptionsAsync(db, order, licences, bought.Value, ct);
        }

        var solutions = order.Lines.Where(l => l.IsSolution).ToList();
        if (solutions.Count > 0)
        {
            var ids = solutions.Select(l => l.ProductId).ToList();
            var templates = await db.Set<Product>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.ExternalId ?? "", ct);
            var azure = services.GetRequiredService<Solutions.AzureDeploymentsClient>();
            foreach (var line in solutions)
            {
                var deployed = await azure.DeployAsync(tenantId.Value, $"c2r-{order.Id:N}-{line.LineNumber}", templates[line.ProductId], line.ParameterValues, ct);
                if (!deployed.IsDone)
                    return deployed.AsFailure();
                line.DeploymentId = deployed.Value;
            }
        }
        return Outcome.Done();
    }

    private async Task RecordSubscriptionsAsync(PortalDbContext db, Order order, IReadOnlyList<OrderLine> lines, IReadOnlyList<string> providerIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var planIds = lines.Select(l => l.PlanId).ToList();
        var plans = await db.Set<Plan>().AsNoTracking().Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        foreach (var (line, providerId) in lines.Zip(providerIds))
        {
            var subscription = Subscription.Purchased(order.CustomerId, order.Id, order.Provider, providerId, plans[line.PlanId], line, order.Currency, ActorName, now);
            db.Add(subscription);
            line.SubscriptionId = subscription.Id;
        }
    }

    private static async Task MailAsync(PortalDbContext db, Order order, Func<Order, Customer, PortalUser?, CancellationToken, Task> queue, CancellationToken ct)
    {
        var customer = await db.Set<Customer>().AsNoTracking().FirstAsync(c => c.Id == order.CustomerId, ct);
        var placedBy = order.PlacedByUserId is { } userId ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct) : null;
        await queue(order, customer, placedBy, ct);
    }

    private TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(1).Ticks, options.Value.RetryDelay.Ticks * (1L << Math.Min(attempts - 1, 20))));

    // When even the attempt's own transaction failed (the database went away): put the job off, unless another worker finished it meanwhile.
    private Task DeferAsync(Guid jobId, string error, CancellationToken ct) =>
        work.RunAsync(new WorkContext(Worker), async services =>
        {
            var next = clock.GetUtcNow() + options.Value.RetryDelay;
            var text = error.Length > 2000 ? error[..2000] : error;
            await services.GetRequiredService<PortalDbContext>().Set<ProvisioningJob>().Where(j => j.Id == jobId && j.CompletedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.Attempts, j => j.Attempts + 1).SetProperty(j => j.NextAttemptAt, next).SetProperty(j => j.LastError, text), ct);
        });

    /// <summary>Renews (or ends) every live subscription whose term has ended; answers how many.</summary>
    public async Task<int> RenewDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await work.RunAsync(new WorkContext(Worker), services => services.GetRequiredService<AllTenants>().Read<Subscription>("renewing subscriptions whose term ended")
            .Where(s => s.RenewsAt <= now && (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Suspended))
            .OrderBy(s => s.RenewsAt).Take(100).Select(s => new { s.Id, s.ResellerId }).ToListAsync(ct));
        var renewed = 0;
        foreach (var s in due)
        {
            if (await work.RunAsync(new WorkContext(Worker, s.ResellerId), services => services.GetRequiredService<Subscriptions.Subscriptions>().RenewIfDueAsync(s.Id, ct)))
                renewed++;
        }
        return renewed;
    }
}
