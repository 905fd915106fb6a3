using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace IonPortal.Core.PartnerCenter;

/// <summary>Where Partner Center is and how patiently to call it (section "PartnerCenter").</summary>
public sealed class PartnerCenterOptions
{
    /// <summary>The real API in production; the app's own provider sandbox in Development and tests.</summary>
    public Uri? BaseUrl { get; set; }

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// The Microsoft Customer Agreement's current version (Partner Center's template id). When
    /// Microsoft publishes a new one, operators set it here, and acceptances of older ones expire.
    /// </summary>
    public string CustomerAgreementTemplateId { get; set; } = "117a69d8-8d2b-4e7a-9b1e-2f5c8d4a6e01";

    /// <summary>Where people read the agreement they accept.</summary>
    public Uri CustomerAgreementUrl { get; set; } = new("https://www.microsoft.com/licensing/docs/customeragreement");

    /// <summary>The first back-off (doubling, with jitter) when the answer gives no Retry-After.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Line items asked for per page of the usage feed (Partner Center's most is 2,000).</summary>
    public int UsagePageSize { get; set; } = 2000;
}

public static class PartnerCenterRegistration
{
    /// <summary>
    /// The typed Partner Center client behind a resilience pipeline: a total timeout, retries of
    /// what is safe to repeat (reads, and writes that carry an MS-RequestId) on 408, 429, 5xx and
    /// network errors, honouring Retry-After, and a timeout per attempt.
    /// </summary>
    public static IHttpClientBuilder AddPartnerCenterClient(this IServiceCollection services)
    {
        var client = services.AddHttpClient<PartnerCenterClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<PartnerCenterOptions>>().Value;
            http.BaseAddress = options.BaseUrl ?? throw new InvalidOperationException("Set PartnerCenter:BaseUrl.");
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            http.Timeout = Timeout.InfiniteTimeSpan;   // the pipeline's timeouts rule
        });
        client.AddResilienceHandler("partner-center", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<PartnerCenterOptions>>().Value;
            pipeline.AddTimeout(options.TotalTimeout);
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome) && IsSafeToRepeat(args.Context.GetRequestMessage())),
            });
            pipeline.AddTimeout(options.AttemptTimeout);
        });
        return client;
    }

    // A read, or a write Partner Center deduplicates by its MS-RequestId.
    private static bool IsSafeToRepeat(HttpRequestMessage? request) =>
        request is not null && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Headers.Contains("MS-RequestId"));
}
