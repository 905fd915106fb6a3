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

    private static async Task<LocalPostgres> StartAsync()
    {
        var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions
        {
            Directory = Path.Combine(Path.GetTempPath(), $"ionportal-tests-{Guid.NewGuid():N}"),
            Throwaway = true,
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return cluster;
    }
}
