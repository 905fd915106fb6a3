using System.Diagnostics;
using IonPortal.Core.Data;
using IonPortal.Testing;

namespace IonPortal.Core.Tests;

/// <summary>A killed test run leaves its PostgreSQL cluster behind; the next run stops and removes it.</summary>
public class TestClusterCleanupTests
{
    [Fact]
    public async Task A_cluster_whose_owner_is_gone_is_stopped_and_removed_and_a_live_runs_cluster_stays()
    {
        await TestDatabase.ClusterAsync();   // this run's own cluster, owned by this process
        var abandoned = Path.Combine(Path.GetTempPath(), $"ionportal-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(abandoned);
        using (var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            await gone.WaitForExitAsync();
            await File.WriteAllTextAsync(Path.Combine(abandoned, "owner.pid"), gone.Id.ToString());
        }
        var left = await LocalPostgres.StartAsync(new LocalPostgresOptions { Directory = abandoned, Throwaway = true });
        var port = left.Port;

        await TestDatabase.DiscardAbandonedAsync();

        Assert.False(Directory.Exists(abandoned));
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var connection = new Npgsql.NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=2;Pooling=false");
            await connection.OpenAsync();
        });
        var own = (await TestDatabase.ClusterAsync()).Directory;
        Assert.True(Directory.Exists(own));
        Assert.False(TestDatabase.IsAbandoned(own));
    }
}
