using IonPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IonPortal.Core.Tests;

/// <summary>
/// The SQL migrations and the EF Core model are written separately; this is what keeps them
/// honest. Every table, column (type, nullability), index, key and constraint must match.
/// </summary>
public class SchemaMatchesModelTests
{
    [Fact]
    public async Task Migrated_schema_matches_the_EF_Core_model()
    {
        await using var harness = await DomainHarness.CreateAsync("schema_model");
        await using var scope = harness.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // The design-time model keeps what the runtime model drops (check constraints).
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var actual = await ReadSchemaAsync(harness.ConnectionString);

        var expectedColumns = model.Tables
            // xmin, a request's row version, is a PostgreSQL system column: every table has it, the catalog lists none.
            .SelectMany(t => t.Columns.Where(c => c.Name != "xmin").Select(c => $"{t.Name}.{c.Name} {c.StoreType}{(c.IsNullable ? " null" : " not null")}"))
            .Order().ToList();
        Assert.True(expectedColumns.SequenceEqual(actual.Columns), "model only: " + string.Join(", ", expectedColumns.Except(actual.Columns)) + "; SQL only: " + string.Join(", ", actual.Columns.Except(expectedColumns)));

        var expectedIndexes = model.Tables
            .SelectMany(t => t.Indexes.Select(i => $"{t.Name}.{i.Name}{(i.IsUnique ? " unique" : "")} ({string.Join(", ", i.Columns.Select(c => c.Name))})"))
            .Order().ToList();
        Assert.True(expectedIndexes.SequenceEqual(actual.Indexes), "model only: " + string.Join(", ", expectedIndexes.Except(actual.Indexes)) + "; SQL only: " + string.Join(", ", actual.Indexes.Except(expectedIndexes)));

        var expectedConstraints = model.Tables
            .SelectMany(t => (t.PrimaryKey is { } key ? new[] { $"{t.Name}.{key.Name} p" } : [])
                .Concat(t.ForeignKeyConstraints.Select(fk => $"{t.Name}.{fk.Name} f"))
                .Concat(t.UniqueConstraints.Where(u => !u.GetIsPrimaryKey()).Select(u => $"{t.Name}.{u.Name} u"))
                .Concat(t.EntityTypeMappings.SelectMany(m => m.TypeBase is IEntityType e ? e.GetCheckConstraints() : []).Select(c => $"{t.Name}.{c.Name} c")))
            .Distinct().Order().ToList();
        Assert.True(expectedConstraints.SequenceEqual(actual.Constraints), "model only: " + string.Join(", ", expectedConstraints.Except(actual.Constraints)) + "; SQL only: " + string.Join(", ", actual.Constraints.Except(expectedConstraints)));
    }

    private sealed record Schema(List<string> Columns, List<string> Indexes, List<string> Constraints);

    private static async Task<Schema> ReadSchemaAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        const string userTables = $"n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> '{SchemaMigrator.HistoryTable}'";
        var columns = await ListAsync(connection, $"""
            SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE ' null' END
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE {userTables} AND a.attnum > 0 AND NOT a.attisdropped
            """);
        var indexes = await ListAsync(connection, $"""
            SELECT c.relname || '.' || i.relname || CASE WHEN x.indisunique THEN ' unique' ELSE '' END || ' (' ||
                   (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum) || ')'
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE {userTables} AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u'))
            """);
        var constraints = await ListAsync(connection, $"""
            SELECT c.relname || '.' || k.conname || ' ' || k.contype::text
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE {userTables} AND k.contype IN ('p', 'f', 'u', 'c')
            """);
        return new Schema(columns, indexes, constraints);
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql)
    {
        var rows = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows.Order().ToList();
    }
}
