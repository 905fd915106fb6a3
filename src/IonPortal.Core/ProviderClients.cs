using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IonPortal.Core;

/// <summary>What the providers' typed clients (Google, Azure) share: where they are, their resilience, and which failures mean "unreachable".</summary>
public static class ProviderClients
{
    /// <summary>A typed client for a provider's API at its configured address, behind the standard resilience pipeline.</summary>
    public static IHttpClientBuilder Add<TClient, TOptions>(IServiceCollection services, Func<TOptions, Uri?> baseUrl, string setting)
        where TClient : class where TOptions : class
    {
        var client = services.AddHttpClient<TClient>((sp, http) =>
            http.BaseAddress = baseUrl(sp.GetRequiredService<IOptions<TOptions>>().Value) ?? throw new InvalidOperationException($"Set {setting}."));
        client.AddStandardResilienceHandler();
        return client;
    }

    /// <summary>The network failed, or the pipeline gave up waiting (not the caller cancelling).</summary>
    public static bool Unreachable(Exception e, CancellationToken ct) =>
        e is HttpRequestException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException && !ct.IsCancellationRequested;
}
