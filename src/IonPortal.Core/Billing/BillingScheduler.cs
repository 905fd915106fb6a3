using IonPortal.Core.Accounts;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.MicrosoftTenants;
using IonPortal.Core.PartnerCenter;
using IonPortal.Core.Resellers;
using IonPortal.Core.Tenancy;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IonPortal.Core.Billing;

public sealed class BillingOptions
{
    /// <summary>How often the scheduler imports the provider's daily usage and makes the open months' drafts again.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after start the first round waits (a node that starts shouldn't add its work to the start).</summary>
    public TimeSpan FirstRunDelay { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The provider's daily rated usage for a reseller: the current period's unbilled usage from
/// Partner Center, imported one whole day at a time (a day imports once: its fingerprint is the
/// day), today left until it is over. A row of a tenant another reseller linked is never taken.
/// </summary>
public sealed class ProviderUsage(PortalDbContext db, TenantContext tenant, AllTenants allTenants, PartnerCenterClient partnerCenter, UsageImporter importer, TimeProvider clock)
{
    public static string Fingerprint(string currency, DateOnly day) => $"provider:microsoft:{currency}:{day:yyyy-MM-dd}";

    public async Task<Outcome<IReadOnlyList<UsageImportResult>>> ImportAsync(CancellationToken ct = default)
    {
        var resellerId = tenant.ResellerId!.Value;
        var currencies = await db.Set<ProviderAuthorization>().AsNoTracking().Where(a => a.Provider == "microsoft").Select(a => a.Currency).Distinct().ToListAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var others = (await allTenants.Read<MicrosoftTenant>("leaving other resellers' tenants out of the provider's usage feed")
            .Where(t => t.ResellerId != resellerId && t.TenantId != null).Select(t => t.TenantId!.Value).ToListAsync(ct)).Select(t => t.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var results = new List<UsageImportResult>();
        foreach (var currency in currencies)
        {
            var feed = await partnerCenter.UnbilledUsageAsync(currency, ct);
            if (!feed.IsDone)
                return feed.AsFailure();
            if (Days(feed.Value, today, others) is not { } days)
                return Outcome.Invalid("", feed.Value.First(l => l.Row is null).Errors[0].Problem);
            foreach (var day in days)
            {
                var fingerprint = Fingerprint(currency, day.Key);
                if (await db.Set<UsageImport>().AnyAsync(i => i.Fingerprint == fingerprint, ct))
                    continue;
                var imported = await importer.ImportAsync(new UsageBatch(UsageSource.Provider, $"Partner Center daily usage {day.Key:yyyy-MM-dd} {currency}", fingerprint, day), null, ct);
                if (!imported.IsDone)
                    return imported.AsFailure();
                results.Add(imported.Value);
            }
        }
        return results;
    }

    /// <summary>
    /// The feed's rows by day: the days that ended, without another reseller's tenants. A feed with a
    /// line that isn't a valid row gives none (nothing of it is imported, as a bad file isn't).
    /// </summary>
    public static IReadOnlyList<IGrouping<DateOnly, UsageLine>>? Days(IReadOnlyList<UsageLine> feed, DateOnly today, IReadOnlySet<string> othersTenants) =>
        feed.Any(l => l.Row is null) ? null
            : [.. feed.Where(l => l.Row!.UsageDate < today && !othersTenants.Contains(l.Row.ProviderCustomerId)).GroupBy(l => l.Row!.UsageDate).OrderBy(d => d.Key)];
}

/// <summary>
/// Billing's background work, every <see cref="BillingOptions.Interval"/> on every node (the
/// imports and runs are idempotent and lock what they change): for each reseller, the provider's
/// usage of the days that ended, then this month's and last month's drafts made again unless issued.
/// </summary>
public sealed class BillingScheduler(WorkScopes work, IOptions<BillingOptions> options, TimeProvider clock, ILogger<BillingScheduler> logger) : BackgroundService
{
    private static readonly Actor Scheduler = Actor.System("billing scheduler");

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(options.Value.FirstRunDelay, clock, ct);
            while (!ct.IsCancellationRequested)
            {
                await RunOnceAsync(ct);
                await Task.Delay(options.Value.Interval, clock, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var resellers = await work.RunAsync(new WorkContext(Scheduler), services =>
            services.GetRequiredService<PortalDbContext>().Set<Reseller>().AsNoTracking().Select(r => new { r.Id, r.Nickname }).ToListAsync(ct));
        var current = Months.Start(clock.GetUtcNow());
        foreach (var reseller in resellers)
        {
            try
            {
                await work.RunAsync(new WorkContext(Scheduler, reseller.Id, reseller.Nickname), async services =>
                {
                    var db = services.GetRequiredService<PortalDbContext>();
                    if (!await db.Set<Customer>().AnyAsync(ct))
                        return;
                    if (await db.Set<ProviderAuthorization>().AnyAsync(a => a.Provider == "microsoft", ct))
                    {
                        var usage = await services.GetRequiredService<ProviderUsage>().ImportAsync(ct);
                        if (!usage.IsDone)
                            logger.LogWarning("The provider's usage for {Reseller} wasn't imported: {Outcome}", reseller.Nickname, usage);
                    }
                    foreach (var month in new[] { current.AddMonths(-1), current })
                    {
                        if (!await db.Set<BillingPeriod>().AnyAsync(p => p.Month == month && p.IssuedAt != null, ct))
                            await services.GetRequiredService<StatementRun>().RunAsync(month, ct);
                    }
                });
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogError(e, "Billing's scheduled round failed for {Reseller}; it carries on with the next", reseller.Nickname);
            }
        }
    }
}
