using IonPortal.Core.Data;
using IonPortal.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IonPortal.Core.Tests;

public class MigratorTests
{
    private static readonly MigrationScript CreateLog = new("0001_create_log.sql", "CREATE TABLE applied_log (script text NOT NULL);");
    private static readonly MigrationScript WriteLog = new("0002_write_log.sql", "INSERT INTO applied_log VALUES ('0002');");

    private static SchemaMigrator Migrator(string connectionString, params MigrationScript[] scripts) =>
        new(connectionString, MigrationScript.InOrder(scripts), NullLogger.Instance);

    [Fact]
    public async Task Applies_each_script_once_and_records_it()
    {
        var db = await TestDatabase.CreateEmptyAsync("migrator_once");

        var first = await Migrator(db, CreateLog, WriteLog).MigrateAsync();
        var second = await Migrator(db, CreateLog, WriteLog).MigrateAsync();

        Assert.Equal(["0001_create_log.sql", "0002_write_log.sql"], first);
        Assert.Empty(second);
        Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM applied_log"));
        Assert.Equal(2L, await ScalarAsync<long>(db, "SELECT count(*) FROM schema_migrations"));
        Assert.Equal(WriteLog.Checksum, await ScalarAsync<string>(db, "SELECT checksum FROM schema_migrations WHERE version = '0002'"));
    }

    [Fact]
    public async Task Nodes_starting_together_apply_each_script_once()
    {
        var db = await TestDatabase.CreateEmptyAsync("migrator_concurrent");

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Migrator(db, CreateLog, WriteLog).MigrateAsync())));

        Assert.Equal(2, runs.Sum(applied => applied.Count));
        Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM applied_log"));
        Assert.Equal(2L, await ScalarAsync<long>(db, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Refuses_to_start_when_an_applied_script_was_edited()
    {
        var db = await TestDatabase.CreateEmptyAsync("migrator_edited");
        await Migrator(db, CreateLog).MigrateAsync();
        var edited = new MigrationScript("0001_create_log.sql", "CREATE TABLE applied_log (script text NOT NULL, extra int);");

        var refusal = await Assert.ThrowsAsync<MigrationException>(() => Migrator(db, edited, WriteLog).MigrateAsync());

        Assert.Contains("0001_create_log.sql", refusal.Message);
        Assert.Contains("edited", refusal.Message);
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM applied_log"));
        Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Line_endings_do_not_count_as_an_edit()
    {
        var db = await TestDatabase.CreateEmptyAsync("migrator_crlf");
        await Migrator(db, new MigrationScript("0001_a.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);")).MigrateAsync();

        var applied = await Migrator(db, new MigrationScript("0001_a.sql", "CREATE TABLE a (id int);\r\nCREATE TABLE b (id int);")).MigrateAsync();

        Assert.Empty(applied);
    }

    [Fact]
    public async Task A_failing_script_is_rolled_back_whole()
    {
        var db = await TestDatabase.CreateEmptyAsync("migrator_failing");
        var broken = new MigrationScript("0002_broken.sql", "CREATE TABLE half_done (id int); INSERT INTO no_such_table VALUES (1);");

        var failure = await Assert.ThrowsAsync<MigrationException>(() => Migrator(db, CreateLog, broken).MigrateAsync());

        Assert.Contains("0002_broken.sql", failure.Message);
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'"));
        Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public void Two_scripts_with_one_version_are_refused()
    {
        Assert.Throws<InvalidOperationException>(() => MigrationScript.InOrder([CreateLog, new MigrationScript("0001_other.sql", "SELECT 1;")]));
        Assert.Throws<ArgumentException>(() => new MigrationScript("create_log.sql", "SELECT 1;"));
    }

    [Fact]
    public void The_shipped_scripts_are_embedded_in_version_order()
    {
        var scripts = MigrationScript.Embedded();

        Assert.NotEmpty(scripts);
        Assert.Equal("0001", scripts[0].Version);
        Assert.Equal(scripts.OrderBy(s => s.Version, StringComparer.Ordinal).Select(s => s.Name), scripts.Select(s => s.Name));
    }

    [Fact]
    public async Task Audit_events_of_customers_people_are_renamed_to_customer_person()
    {
        var db = await TestDatabase.CreateEmptyAsync("migrate_audit_names");
        var scripts = MigrationScript.Embedded();
        await new SchemaMigrator(db, [.. scripts.Where(s => string.CompareOrdinal(s.Version, "0008") < 0)], NullLogger.Instance).MigrateAsync();
        await ScalarAsync<int>(db, """
            INSERT INTO audit_events (id, reseller_id, actor_name, action, entity_type, entity_id, at)
            VALUES (gen_random_uuid(), NULL, 'Ana', 'customer-user.access-removed', 'customer-user', gen_random_uuid(), now()),
                   (gen_random_uuid(), NULL, 'Ana', 'staff.access-removed', 'staff', gen_random_uuid(), now())
            RETURNING 1
            """);

        await new SchemaMigrator(db, scripts, NullLogger.Instance).MigrateAsync();

        Assert.Equal("customer-person.access-removed|customer-person,staff.access-removed|staff",
            await ScalarAsync<string>(db, "SELECT string_agg(action || '|' || entity_type, ',' ORDER BY action) FROM audit_events"));
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
