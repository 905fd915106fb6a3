using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IonPortal.Core.Data;

/// <summary>One versioned SQL file, named <c>NNNN_what_it_does.sql</c>.</summary>
public sealed record MigrationScript
{
    public MigrationScript(string name, string sql)
    {
        var separator = name.IndexOf('_');
        if (separator < 1 || !name.EndsWith(".sql", StringComparison.Ordinal) || !name[..separator].All(char.IsAsciiDigit))
            throw new ArgumentException($"Migration '{name}' must be named NNNN_description.sql.", nameof(name));
        Name = name;
        Sql = sql;
        Version = name[..separator];
        // Line endings are normalised so a checkout on Windows does not look like an edit.
        Checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
    }

    public string Name { get; }

    public string Sql { get; }

    public string Version { get; }

    public string Checksum { get; }

    /// <summary>The scripts shipped in this assembly, in version order.</summary>
    public static IReadOnlyList<MigrationScript> Embedded()
    {
        var assembly = typeof(MigrationScript).Assembly;
        const string prefix = "migrations/";
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return new MigrationScript(n[prefix.Length..], reader.ReadToEnd());
            });
        return InOrder(scripts);
    }

    public static IReadOnlyList<MigrationScript> InOrder(IEnumerable<MigrationScript> scripts)
    {
        var ordered = scripts.OrderBy(s => s.Version, StringComparer.Ordinal).ToList();
        var duplicate = ordered.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(s => s.Name))}.");
        return ordered;
    }
}

/// <summary>Thrown when a migration fails or the database's history disagrees with the scripts of this build.</summary>
public sealed class MigrationException(string message) : Exception(message);

/// <summary>
/// Applies versioned SQL files in order, each in its own transaction, recording each with its
/// checksum. A PostgreSQL advisory lock serialises nodes that start together, so every file runs
/// once; an applied file that was edited afterwards stops the start-up instead of drifting silently.
/// </summary>
public sealed class SchemaMigrator(string connectionString, IReadOnlyList<MigrationScript> scripts, ILogger logger)
{
    /// <summary>An arbitrary constant that names "IonPortal is migrating" among advisory locks.</summary>
    private const long LockKey = 0x10_4E_50_0A_7A_1E;

    public const string HistoryTable = "schema_migrations";

    /// <summary>Applies what is missing; returns the names of the files it applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            await ExecuteAsync(connection, null, $"""
                CREATE TABLE IF NOT EXISTS {HistoryTable} (
                    version text PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, ct);

            var applied = await ReadHistoryAsync(connection, ct);
            Verify(applied);

            var done = new List<string>();
            foreach (var script in scripts.Where(s => !applied.ContainsKey(s.Version)))
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                try
                {
                    await ExecuteAsync(connection, tx, script.Sql, ct);
                }
                catch (PostgresException e)
                {
                    throw new MigrationException($"Migration {script.Name} failed and was rolled back: {e.MessageText}");
                }
                await using (var record = new NpgsqlCommand($"INSERT INTO {HistoryTable} (version, name, checksum) VALUES (@v, @n, @c)", connection, tx))
                {
                    record.Parameters.AddWithValue("v", script.Version);
                    record.Parameters.AddWithValue("n", script.Name);
                    record.Parameters.AddWithValue("c", script.Checksum);
                    await record.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                logger.LogInformation("Applied migration {Migration}", script.Name);
                done.Add(script.Name);
            }
            return done;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private void Verify(Dictionary<string, (string Name, string Checksum)> applied)
    {
        foreach (var script in scripts)
        {
            if (applied.TryGetValue(script.Version, out var row) && row.Checksum != script.Checksum)
            {
                throw new MigrationException(
                    $"Migration {script.Name} was edited after it was applied to this database " +
                    $"(applied checksum {row.Checksum[..12]}…, file checksum {script.Checksum[..12]}…). " +
                    "Restore the file and put the change in a new migration.");
            }
        }
        foreach (var (version, row) in applied.Where(a => scripts.All(s => s.Version != a.Key)))
            logger.LogWarning("The database has migration {Version} ({Name}) that this build does not know; it is newer than this build", version, row.Name);
    }

    private static async Task<Dictionary<string, (string Name, string Checksum)>> ReadHistoryAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var applied = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand($"SELECT version, name, checksum FROM {HistoryTable}", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            applied[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
