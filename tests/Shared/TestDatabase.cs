using IonPortal.Core.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace IonPortal.Testing;

/// <summary>
/// One throwaway PostgreSQL cluster per test run (started on first use, removed when the test
/// process exits) and a fresh database per caller, so tests never depend on each other's data.
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<Task<LocalPostgres>> Cluster = new(StartAsync);
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static bool _templateReady;
    private const string MigratedTemplate = "ionportal_migrated";

    public static Task<LocalPostgres> ClusterAsync() => Cluster.Value;

    /// <summary>A new, empty database; returns its connection string.</summary>
    public static async Task<string> CreateEmptyAsync(string purpose)
    {
        var cluster = await ClusterAsync();
        var name = NewName(purpose);
        await cluster.CreateDatabaseAsync(name);
        return cluster.ConnectionString(name);
    }

    /// <summary>A new database with every migration applied (copied from a migrated template, fast).</summary>
    public static async Task<string> CreateMigratedAsync(string purpose)
    {
        var cluster = await ClusterAsync();
        await TemplateLock.WaitAsync();
        try
        {
            if (!_templateReady)
            {
                await cluster.CreateDatabaseAsync(MigratedTemplate);
                await new SchemaMigrator(cluster.ConnectionString(MigratedTemplate), MigrationScript.Embedded(), NullLogger.Instance).MigrateAsync();
                Npgsql.NpgsqlConnection.ClearAllPools();
                _templateReady = true;
            }
            var name = NewName(purpose);
            await cluster.CreateDatabaseAsync(name, template: MigratedTemplate);
            return cluster.ConnectionString(name);
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    /// <summary>PostgreSQL names stop at 63 characters: up to 30 of purpose, then a unique suffix.</summary>
    private static string NewName(string purpose) =>
        $"{new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(30).ToArray())}_{Guid.NewGuid():N}";

    private const string ClusterPrefix = "ionportal-tests-";
    private const string OwnerFile = "owner.pid";

    private static async Task<LocalPostgres> StartAsync()
    {
        await DiscardAbandonedAsync();
        // The owner is written before the cluster exists, so a run starting alongside never takes it for abandoned.
        var directory = Path.Combine(Path.GetTempPath(), $"{ClusterPrefix}{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions { Directory = directory, Throwaway = true });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return cluster;
    }

    /// <summary>
    /// Stops and deletes the clusters of test runs that were killed before they could clean up: those
    /// whose owner process is gone (or whose process id now belongs to a later process).
    /// </summary>
    internal static async Task DiscardAbandonedAsync()
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), ClusterPrefix + "*"))
        {
            if (!IsAbandoned(directory))
                continue;
            await LocalPostgres.DiscardAsync(directory);
        }
    }

    internal static bool IsAbandoned(string directory)
    {
        var owner = Path.Combine(directory, OwnerFile);
        if (!File.Exists(owner))
            return Directory.GetLastWriteTimeUtc(directory) < DateTime.UtcNow.AddMinutes(-10);   // from before owners were recorded
        if (!int.TryParse(File.ReadAllText(owner), out var pid))
            return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited || process.StartTime.ToUniversalTime() > File.GetLastWriteTimeUtc(owner).AddSeconds(1);
        }
        catch (ArgumentException)
        {
            return true;   // no such process
        }
    }
}
