using IonPortal.Core.Data;
using Microsoft.AspNetCore.OutputCaching;
using Npgsql;

namespace IonPortal.Web.Caching;

/// <summary>
/// Listens for change notifications (<c>pg_notify</c> on <see cref="ChangeTags.Channel"/>, sent by
/// any node when it saves), evicts this node's output cache and storefront cache by tag and tells the
/// open pages that follow it (<see cref="LiveChanges"/>). After a
/// (re)connect it drops everything, since notifications may have been missed meanwhile.
/// </summary>
public sealed class ChangeListener(Hosting.PortalDatabase database, IOutputCacheStore outputCache, StorefrontCache storefronts, LiveChanges live, ILogger<ChangeListener> logger) : BackgroundService
{
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place (tests wait for it).</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { KeepAlive = 30, Pooling = false }.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => _ = EvictAsync(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeTags.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                await EvictAsync(ChangeTags.Storefronts);
                _listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Listening for changes failed; caches are dropped and listening resumes shortly");
                await EvictAsync(ChangeTags.Storefronts);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private async Task EvictAsync(string tag)
    {
        storefronts.Evict(tag);
        await outputCache.EvictByTagAsync(tag, CancellationToken.None);
        live.Announce(tag);
    }
}
