using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IonPortal.Core.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IonPortal.Core.Solutions;

/// <summary>Where Azure Resource Manager is (section "Azure").</summary>
public sealed class AzureOptions
{
    /// <summary>The real API in production; the app's own provider sandbox in Development and tests.</summary>
    public Uri? BaseUrl { get; set; }
}

/// <summary>
/// Azure Resource Manager's template deployments, as click-to-run uses them: a deployment by name
/// into the customer's tenant (a PUT, so deploying the same name again is the same deployment).
/// </summary>
public sealed class AzureDeploymentsClient(HttpClient http, ILogger<AzureDeploymentsClient> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record DeploymentRequest(string Template, Dictionary<string, string> Parameters);

    public sealed record DeploymentAnswer(string Id, string ProvisioningState);

    /// <summary>Deploys (or finds) the named deployment; answers its id.</summary>
    public async Task<Outcome<string>> DeployAsync(Guid tenantId, string name, string template, IReadOnlyDictionary<string, string> parameters, CancellationToken ct = default)
    {
        try
        {
            using var response = await http.PutAsJsonAsync($"tenants/{tenantId}/deployments/{Uri.EscapeDataString(name)}", new DeploymentRequest(template, new(parameters)), Json, ct);
            if (response.StatusCode == HttpStatusCode.BadRequest)
                return Outcome.Invalid("", Problems.DeploymentRefused);
            if (!response.IsSuccessStatusCode || await response.Content.ReadFromJsonAsync<DeploymentAnswer>(Json, ct) is not { ProvisioningState: "Succeeded", Id: { } id })
                return Outcome.Invalid("", Problems.ProviderFailed);
            return id;
        }
        catch (Exception e) when (ProviderClients.Unreachable(e, ct))
        {
            logger.LogWarning(e, "Azure could not be reached to deploy {Deployment}", name);
            return Outcome.Invalid("", Problems.ProviderUnreachable);
        }
    }

    public static IHttpClientBuilder Register(IServiceCollection services) => ProviderClients.Add<AzureDeploymentsClient, AzureOptions>(services, o => o.BaseUrl, "Azure:BaseUrl");
}
