using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IonPortal.Web.Tests;

public class HealthTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public void With_a_connection_string_the_app_starts_no_local_cluster()
    {
        Assert.Null(factory.Services.GetService<IonPortal.Core.Data.LocalPostgres>());
        Assert.Equal(factory.ConnectionString, factory.Services.GetRequiredService<IonPortal.Web.Hosting.PortalDatabase>().ConnectionString);
    }

    [Fact]
    public async Task Health_reports_the_database()
    {
        using var response = await factory.CreateClient().GetAsync("/health");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetString());
    }
}

public class KeyRingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_key_ring_is_kept_in_the_database_so_another_node_reads_what_one_protected()
    {
        var protectedByOne = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a reset link");

        // Another node: the same configuration and database, its own key manager.
        using var other = factory.WithWebHostBuilder(_ => { });
        var readByOther = other.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedByOne);

        Assert.Equal("a reset link", readByOther);
        Assert.NotEqual(0, await factory.QueryAsync(db => db.DataProtectionKeys.CountAsync()));
    }
}

/// <summary>Its own app and database, because the test takes the database away.</summary>
public class HealthWhenDatabaseIsDownTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Health_answers_503_when_the_database_is_gone()
    {
        var database = new NpgsqlConnectionStringBuilder(factory.ConnectionString).Database!;
        var cluster = await IonPortal.Testing.TestDatabase.ClusterAsync();
        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(cluster.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        using var response = await factory.CreateClient().GetAsync("/health");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("database").GetString());
    }
}

public class RequestLoggingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Each_request_logs_method_path_status_elapsed_and_reseller()
    {
        await factory.CreateClient().GetAsync("/v2c/catalog?accountName=sesdemo");

        var entry = factory.Logs.Last(l => l.Category == "Serilog.AspNetCore.RequestLoggingMiddleware" && Equals(l.Properties.GetValueOrDefault("RequestPath"), "/v2c/catalog"));
        Assert.Equal("GET", entry.Properties["RequestMethod"]);
        Assert.Equal(200, entry.Properties["StatusCode"]);
        Assert.IsType<double>(entry.Properties["Elapsed"]);
        Assert.Equal("sesdemo", entry.Properties["Reseller"]);
    }
}
