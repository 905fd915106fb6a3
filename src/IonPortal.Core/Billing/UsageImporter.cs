using System.Security.Cryptography;
using IonPortal.Core.Accounts;
using IonPortal.Core.Data;
using IonPortal.Core.MicrosoftTenants;
using IonPortal.Core.Tenancy;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace IonPortal.Core.Billing;

/// <summary>
/// Usage to import: a file or a day of the provider's feed, named, its lines, and its fingerprint
/// (what makes the same source twice import once), known at once for a day of the feed and once
/// its lines are read for a file.
/// </summary>
public sealed record UsageBatch(UsageSource Source, string Name, Func<string> Fingerprint, IEnumerable<UsageLine> Lines)
{
    public UsageBatch(UsageSource source, string name, string fingerprint, IEnumerable<UsageLine> lines) : this(source, name, () => fingerprint, lines) =>
        KnownFingerprint = fingerprint;

    /// <summary>The fingerprint before the lines are read, when it is known (a day of the feed).</summary>
    public string? KnownFingerprint { get; }

    /// <summary>An uploaded file: fingerprinted by its content's SHA-256, taken as it is read (one pass over the file).</summary>
    public static UsageBatch FromFile(string name, Stream content)
    {
        var sha = SHA256.Create();
        var hashing = new CryptoStream(content, sha, CryptoStreamMode.Read, leaveOpen: true);
        return new(UsageSource.File, name, () => "sha256:" + Convert.ToHexStringLower(sha.Hash!), UsageFile.Read(hashing));
    }
}

/// <summary>What an import did, or every line's reason why it did nothing.</summary>
public sealed record UsageImportResult(UsageImport? Import, IReadOnlyList<UsageError> Errors, int ErrorCount, bool AlreadyImported)
{
    public bool Imported => Import is not null;

    /// <summary>The months whose draft statements the new usage changes.</summary>
    public IReadOnlyList<DateOnly> BillingMonths { get; init; } = [];
}

/// <summary>
/// Imports rated usage into the month-partitioned usage table with binary COPY, in one transaction:
/// a source with any bad line imports nothing (every bad line is listed, up to a limit), the same
/// source twice imports once, and the monthly rollup is brought up to date before it commits.
/// Rows find their customer by the linked Microsoft tenant (its id, else its domain) or a match the
/// reseller made by hand, and their subscription by the provider's id; rows of a month already
/// issued are billed in the next open month.
/// </summary>
public sealed class UsageImporter(PortalDbContext db, TenantContext tenant, CurrentActor actor, TimeProvider clock)
{
    /// <summary>How many bad lines a rejected source lists (all are counted).</summary>
    public const int ErrorsListed = 200;

    /// <summary>How far back usage may be dated: partitions are kept from then to next month.</summary>
    public const int MonthsBack = 24;

    private const int ProgressEvery = 10_000;

    private const int ReadBatch = 1_000;

    public async Task<Outcome<UsageImportResult>> ImportAsync(UsageBatch batch, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.ManageBilling))
            return Outcome.Forbidden(Problems.MayNotManageBilling);
        var resellerId = tenant.ResellerId ?? throw new InvalidOperationException("Usage is imported for a reseller.");
        if (batch.KnownFingerprint is { } known && await db.Set<UsageImport>().AnyAsync(i => i.Fingerprint == known, ct))
            return new UsageImportResult(null, [], 0, AlreadyImported: true);

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var oldest = Months.Start(today).AddMonths(-MonthsBack);
        var newest = Months.Start(today).AddMonths(1);
        await UsagePartitions.EnsureAsync(db, oldest, newest, ct);
        var matcher = await UsageMatcher.LoadAsync(db, ct);

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var importId = Guid.CreateVersion7(clock.GetUtcNow());
            var errors = new List<UsageError>();
            var errorCount = 0;
            var (rows, unmatched, late, cost) = (0, 0, 0, 0m);
            var (first, last) = (DateOnly.MaxValue, DateOnly.MinValue);
            var months = new SortedSet<DateOnly>();
            var rollup = new UsageSums();
            // Reading and checking the lines runs beside the writing (a channel of batches between them), so
            // parsing the CSV and feeding PostgreSQL overlap.
            var batches = System.Threading.Channels.Channel.CreateBounded<List<UsageLine>>(new System.Threading.Channels.BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
            // Stops the reading when the writing ends early (an exception): it must not wait on a full channel for good.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var reading = Task.Run(async () =>
            {
                try
                {
                    var next = new List<UsageLine>(ReadBatch);
                    foreach (var line in batch.Lines)
                    {
                        next.Add(line);
                        if (next.Count == ReadBatch)
                        {
                            await batches.Writer.WriteAsync(next, stop.Token);
                            next = new List<UsageLine>(ReadBatch);
                        }
                    }
                    await batches.Writer.WriteAsync(next, stop.Token);
                    batches.Writer.Complete();
                }
                catch (Exception e)
                {
                    batches.Writer.Complete(e);
                }
            }, ct);
            try
            {
                await using (var copy = await connection.BeginBinaryImportAsync(CopyCommand, ct))
                {
                    await foreach (var read in batches.Reader.ReadAllAsync(ct))
                    foreach (var line in read)
                    {
                        if (line.Row is not { } row)
                        {
                            errorCount += line.Errors.Count;
                            errors.AddRange(line.Errors.Take(ErrorsListed - errors.Count));
                            continue;
                        }
                        if (row.UsageDate < oldest || row.UsageDate >= newest.AddMonths(1))
                        {
                            errorCount++;
                            if (errors.Count < ErrorsListed)
                                errors.Add(new(row.Line, "UsageDate", Problems.UsageDateOutOfRange(MonthsBack)));
                            continue;
                        }
                        if (errorCount > 0)
                            continue;   // nothing of a bad source is kept: only read on, to list every bad line
                        var (customerId, subscriptionId) = matcher.Match(row);
                        var billingMonth = matcher.BillingMonthFor(row.UsageDate);
                        Write(copy, resellerId, importId, billingMonth, customerId, subscriptionId, row);
                        rows++;
                        cost += row.Cost;
                        unmatched += customerId is null ? 1 : 0;
                        late += billingMonth.Month != row.UsageDate.Month || billingMonth.Year != row.UsageDate.Year ? 1 : 0;
                        months.Add(billingMonth);
                        rollup.Add(row, billingMonth, customerId, subscriptionId);
                        (first, last) = (row.UsageDate < first ? row.UsageDate : first, row.UsageDate > last ? row.UsageDate : last);
                        if (rows % ProgressEvery == 0)
                            progress?.Report(rows);
                    }
                    await reading;
                    // Disposing the importer without completing it cancels the COPY.
                    if (errorCount == 0 && rows > 0)
                        await copy.CompleteAsync(ct);
                }
            }
            finally
            {
                await stop.CancelAsync();
            }
            if (errorCount > 0 || rows == 0)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                if (rows == 0 && errorCount == 0)
                    errors.Add(new(1, "", Problems.UsageFileEmpty));
                return Outcome.Done(new UsageImportResult(null, errors, Math.Max(errorCount, errors.Count), AlreadyImported: false));
            }
            progress?.Report(rows);

            await rollup.SaveAsync(db, connection, resellerId, ct);
            var import = new UsageImport
            {
                Id = importId, ResellerId = resellerId, Source = batch.Source, Name = batch.Name.Length > 260 ? batch.Name[..260] : batch.Name, Fingerprint = batch.Fingerprint(),
                RowCount = rows, UnmatchedRowCount = unmatched, LateRowCount = late, Cost = cost, FirstUsageDate = first, LastUsageDate = last,
                ImportedAt = clock.GetUtcNow(), ImportedBy = actor.Name,
            };
            db.Add(import);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // The same source, imported at the same moment by someone else: theirs counts.
                await transaction.RollbackAsync(CancellationToken.None);
                db.Entry(import).State = EntityState.Detached;
                return Outcome.Done(new UsageImportResult(null, [], 0, AlreadyImported: true));
            }
            await transaction.CommitAsync(ct);
            return Outcome.Done(new UsageImportResult(import, [], 0, AlreadyImported: false) { BillingMonths = [.. months] });
        });
    }

    private const string CopyCommand =
        "COPY usage_records (reseller_id, usage_date, import_id, line, billing_month, customer_id, subscription_id, provider_customer_id, " +
        "provider_subscription_id, meter_id, resource_uri, charge_type, quantity, cost, currency) FROM STDIN (FORMAT BINARY)";

    // Synchronous writes: a row is buffered, and one await per value would cost more than the value.
    private static void Write(NpgsqlBinaryImporter copy, Guid resellerId, Guid importId, DateOnly billingMonth, Guid? customerId, Guid? subscriptionId, UsageRow row)
    {
        copy.StartRow();
        copy.Write(resellerId, NpgsqlDbType.Uuid);
        copy.Write(row.UsageDate, NpgsqlDbType.Date);
        copy.Write(importId, NpgsqlDbType.Uuid);
        copy.Write(row.Line, NpgsqlDbType.Integer);
        copy.Write(billingMonth, NpgsqlDbType.Date);
        if (customerId is { } c) copy.Write(c, NpgsqlDbType.Uuid); else copy.WriteNull();
        if (subscriptionId is { } s) copy.Write(s, NpgsqlDbType.Uuid); else copy.WriteNull();
        copy.Write(row.ProviderCustomerId, NpgsqlDbType.Varchar);
        copy.Write(row.ProviderSubscriptionId, NpgsqlDbType.Varchar);
        copy.Write(row.MeterId, NpgsqlDbType.Varchar);
        copy.Write(row.ResourceUri, NpgsqlDbType.Varchar);
        copy.Write(row.ChargeType, NpgsqlDbType.Varchar);
        copy.Write(row.Quantity, NpgsqlDbType.Numeric);
        copy.Write(row.Cost, NpgsqlDbType.Numeric);
        copy.Write(row.Currency, NpgsqlDbType.Varchar);
    }
}

/// <summary>
/// An import's rows summed for the monthly rollup as they stream by (a month of ten million rows is
/// some twenty thousand sums), added to it in one statement at the end rather than by grouping the
/// rows again.
/// </summary>
internal sealed class UsageSums
{
    private sealed class Sum
    {
        public Guid? Customer, Subscription;
        public string CustomerName = "", Domain = "", Product = "", Meter = "", Category = "", Unit = "";
        public decimal Quantity, Cost;
        public int Rows;
    }

    // The rows of one customer's subscription in a month come together: their meters' sums are looked up among that group's only.
    private readonly Dictionary<(DateOnly Used, DateOnly Billed, string Customer, string Subscription, string Currency), Dictionary<string, Sum>> _groups = [];
    private (DateOnly Used, DateOnly Billed, string Customer, string Subscription, string Currency) _lastGroup;
    private Dictionary<string, Sum>? _lastSums;

    public void Add(UsageRow row, DateOnly billingMonth, Guid? customerId, Guid? subscriptionId)
    {
        var used = new DateOnly(row.UsageDate.Year, row.UsageDate.Month, 1);
        if (_lastSums is null || used != _lastGroup.Used || billingMonth != _lastGroup.Billed || row.ProviderSubscriptionId != _lastGroup.Subscription
            || row.ProviderCustomerId != _lastGroup.Customer || row.Currency != _lastGroup.Currency)
        {
            _lastGroup = (used, billingMonth, row.ProviderCustomerId, row.ProviderSubscriptionId, row.Currency);
            if (!_groups.TryGetValue(_lastGroup, out _lastSums))
                _groups[_lastGroup] = _lastSums = new Dictionary<string, Sum>(StringComparer.Ordinal);
        }
        if (!_lastSums.TryGetValue(row.MeterId, out var sum))
        {
            _lastSums[row.MeterId] = sum = new Sum
            {
                Customer = customerId, Subscription = subscriptionId, CustomerName = row.CustomerName, Domain = row.CustomerDomain, Product = row.ProductName,
                Meter = row.MeterName, Category = row.MeterCategory, Unit = row.Unit,
            };
        }
        sum.Quantity += row.Quantity;
        sum.Cost += row.Cost;
        sum.Rows++;
    }

    public async Task SaveAsync(PortalDbContext db, NpgsqlConnection connection, Guid resellerId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("CREATE TEMP TABLE usage_sums (LIKE usage_monthly) ON COMMIT DROP", ct);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY usage_sums (reseller_id, usage_month, billing_month, provider_customer_id, provider_subscription_id, meter_id, currency, customer_id, subscription_id, " +
            "customer_name, customer_domain, product_name, meter_name, meter_category, unit, quantity, cost, row_count) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (k, meters) in _groups)
            foreach (var (meter, v) in meters)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(resellerId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(k.Used, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(k.Billed, NpgsqlDbType.Date, ct);
                foreach (var text in new[] { k.Customer, k.Subscription, meter, k.Currency })
                    await copy.WriteAsync(text, NpgsqlDbType.Varchar, ct);
                if (v.Customer is { } c) await copy.WriteAsync(c, NpgsqlDbType.Uuid, ct); else await copy.WriteNullAsync(ct);
                if (v.Subscription is { } s) await copy.WriteAsync(s, NpgsqlDbType.Uuid, ct); else await copy.WriteNullAsync(ct);
                foreach (var text in new[] { v.CustomerName, v.Domain, v.Product, v.Meter, v.Category, v.Unit })
                    await copy.WriteAsync(text, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(v.Quantity, NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(v.Cost, NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(v.Rows, NpgsqlDbType.Integer, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO usage_monthly AS m SELECT * FROM usage_sums " +
            "ON CONFLICT (reseller_id, billing_month, usage_month, provider_customer_id, provider_subscription_id, meter_id, currency) DO UPDATE " +
            "SET quantity = m.quantity + excluded.quantity, cost = m.cost + excluded.cost, row_count = m.row_count + excluded.row_count, " +
            "customer_id = coalesce(excluded.customer_id, m.customer_id), subscription_id = coalesce(excluded.subscription_id, m.subscription_id)", ct);
    }
}

/// <summary>Months as their first day, the way billing keys them.</summary>
public static class Months
{
    public static DateOnly Start(DateOnly day) => new(day.Year, day.Month, 1);

    public static DateOnly Start(DateTimeOffset at) => Start(DateOnly.FromDateTime(at.UtcDateTime));

    public static int Days(DateOnly month) => DateTime.DaysInMonth(month.Year, month.Month);

    public static DateOnly End(DateOnly month) => Start(month).AddMonths(1).AddDays(-1);
}

/// <summary>The usage table's monthly partitions, made before an import needs them (DDL can't run inside a COPY).</summary>
internal static class UsagePartitions
{
    public static async Task EnsureAsync(PortalDbContext db, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var existing = await db.Database.SqlQuery<string>($"""
            SELECT c.relname AS "Value" FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
            WHERE p.relname = 'usage_records'
            """).ToListAsync(ct);
        for (var month = Months.Start(from); month <= to; month = month.AddMonths(1))
        {
            var name = $"usage_records_{month:yyyy_MM}";
            if (existing.Contains(name))
                continue;
            // Names and bounds are made here from dates, never from input.
            var ddl = $"CREATE TABLE IF NOT EXISTS {name} PARTITION OF usage_records FOR VALUES FROM ('{month:yyyy-MM-dd}') TO ('{month.AddMonths(1):yyyy-MM-dd}')";
            try
            {
                await db.Database.ExecuteSqlRawAsync(ddl, ct);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.UniqueViolation)
            {
                // Another import made it at the same moment.
            }
        }
    }
}

/// <summary>Finds a usage row's customer and subscription, and the month it is billed in, from maps loaded once per import.</summary>
internal sealed class UsageMatcher
{
    private readonly Dictionary<string, Guid> _byProviderCustomer = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Guid> _byDomain = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (Guid Id, Guid CustomerId)> _subscriptions = new(StringComparer.OrdinalIgnoreCase);
    private readonly SortedSet<DateOnly> _issued = [];

    public static async Task<UsageMatcher> LoadAsync(PortalDbContext db, CancellationToken ct)
    {
        var matcher = new UsageMatcher();
        foreach (var t in await db.Set<MicrosoftTenant>().AsNoTracking().Where(t => t.State == TenantLinkState.Linked).ToListAsync(ct))
        {
            if (t.TenantId is { } id)
                matcher._byProviderCustomer[id.ToString()] = t.CustomerId;
            if (t.Domain is { } domain)
                matcher._byDomain[domain] = t.CustomerId;
        }
        foreach (var m in await db.Set<UsageCustomerMatch>().AsNoTracking().ToListAsync(ct))
            matcher._byProviderCustomer[m.ProviderCustomerId] = m.CustomerId;
        foreach (var s in await db.Set<Subscriptions.Subscription>().AsNoTracking().Where(s => s.Provider == "microsoft")
                     .Select(s => new { s.Id, s.CustomerId, s.ProviderSubscriptionId }).ToListAsync(ct))
            matcher._subscriptions[s.ProviderSubscriptionId] = (s.Id, s.CustomerId);
        matcher._issued.UnionWith(await db.Set<BillingPeriod>().AsNoTracking().Where(p => p.IssuedAt != null).Select(p => p.Month).ToListAsync(ct));
        return matcher;
    }

    // A file lists a customer's rows together: the last answer is usually the next one's.
    private (string Customer, string Subscription, string Domain, Guid? CustomerId, Guid? SubscriptionId) _last = ("", "", "", null, null);
    private (DateOnly Month, DateOnly Billed) _lastMonth = (DateOnly.MinValue, DateOnly.MinValue);

    public (Guid? Customer, Guid? Subscription) Match(UsageRow row)
    {
        if (row.ProviderSubscriptionId == _last.Subscription && row.ProviderCustomerId == _last.Customer && row.CustomerDomain == _last.Domain)
            return (_last.CustomerId, _last.SubscriptionId);
        var found = Find(row);
        _last = (row.ProviderCustomerId, row.ProviderSubscriptionId, row.CustomerDomain, found.Customer, found.Subscription);
        return found;
    }

    private (Guid? Customer, Guid? Subscription) Find(UsageRow row)
    {
        if (_subscriptions.TryGetValue(row.ProviderSubscriptionId, out var subscription))
            return (subscription.CustomerId, subscription.Id);
        if (_byProviderCustomer.TryGetValue(row.ProviderCustomerId, out var customer) || _byDomain.TryGetValue(row.CustomerDomain, out customer))
            return (customer, null);
        return (null, null);
    }

    /// <summary>The month of use, or the first month after it not yet issued (late usage).</summary>
    public DateOnly BillingMonthFor(DateOnly usageDate)
    {
        var month = Months.Start(usageDate);
        if (month == _lastMonth.Month)
            return _lastMonth.Billed;
        var billed = month;
        while (_issued.Contains(billed))
            billed = billed.AddMonths(1);
        _lastMonth = (month, billed);
        return billed;
    }
}
