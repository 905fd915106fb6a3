using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IonPortal.Core.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IonPortal.Core.Google;

/// <summary>Where Google's reseller API is (section "Google") and the distributor's public id customers quote.</summary>
public sealed class GoogleOptions
{
    /// <summary>The real API in production; the app's own provider sandbox in Development and tests.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The distributor's Reseller Public ID, quoted with the reseller's when a customer creates a transfer token.</summary>
    public string DistributorPublicId { get; set; } = "C01onp0rt";
}

/// <summary>A Google Workspace subscription that moved to the reseller: its SKU (the catalog's plan), seats and renewal.</summary>
public sealed record TransferredSubscription(string SubscriptionId, string SkuId, int Seats, DateTimeOffset RenewsAt);

/// <summary>
/// Google's reseller API, as far as the portal uses it: accepting a customer's transfer token, which
/// moves its Workspace subscriptions under the reseller. Accepting the same token again answers
/// the same subscriptions, so a retried call transfers nothing twice.
/// </summary>
public sealed class GoogleResellerClient(HttpClient http, ILogger<GoogleResellerClient> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record TransferRequest(string TransferToken, string ResellerPublicId);

    public sealed record TransferAnswer(List<TransferAnswerItem> Subscriptions);

    public sealed record TransferAnswerItem(string SubscriptionId, string SkuId, int Seats, DateTimeOffset RenewsAt);

    public async Task<Outcome<IReadOnlyList<TransferredSubscription>>> TransferAsync(string domain, string token, string resellerPublicId, CancellationToken ct = default)
    {
        try
        {
            using var response = await http.PostAsJsonAsync($"v1/customers/{Uri.EscapeDataString(domain)}/transfers", new TransferRequest(token, resellerPublicId), Json, ct);
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
            {
                logger.LogWarning("Google refused the transfer of {Domain}: {Status}", domain, (int)response.StatusCode);
                return Outcome.Invalid("Token", Problems.TransferTokenRefused);
            }
            if (!response.IsSuccessStatusCode || await response.Content.ReadFromJsonAsync<TransferAnswer>(Json, ct) is not { } answer)
                return Outcome.Invalid("", Problems.GoogleFailed);
            return answer.Subscriptions.Select(s => new TransferredSubscription(s.SubscriptionId, s.SkuId, s.Seats, s.RenewsAt)).ToList();
        }
        catch (Exception e) when (ProviderClients.Unreachable(e, ct))
        {
            logger.LogWarning(e, "Google could not be reached for the transfer of {Domain}", domain);
            return Outcome.Invalid("", Problems.GoogleFailed);
        }
    }

    public static IHttpClientBuilder Register(IServiceCollection services) => ProviderClients.Add<GoogleResellerClient, GoogleOptions>(services, o => o.BaseUrl, "Google:BaseUrl");
}
