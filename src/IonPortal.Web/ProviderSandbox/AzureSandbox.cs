using System.Text.Json;
using IonPortal.Core.Data;
using IonPortal.Core.ProviderSandbox;
using IonPortal.Core.Solutions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IonPortal.Web.ProviderSandbox;

/// <summary>
/// The provider sandbox's Azure Resource Manager: template deployments into a partner's customer
/// tenant, by name (deploying a name again answers the same deployment), refused when a template's
/// parameters don't hold, as ARM refuses an invalid template.
/// </summary>
public static class AzureSandbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapAzureSandbox(this IEndpointRouteBuilder app) =>
        app.MapPut("/sandbox/azure/tenants/{tenantId:guid}/deployments/{name}", DeployAsync).DisableAntiforgery();

    private static async Task<IResult> DeployAsync(Guid tenantId, string name, HttpRequest request, PortalDbContext db, TimeProvider clock)
    {
        if (!await db.Set<SandboxTenant>().AnyAsync(t => t.Id == tenantId && t.IsPartnersCustomer))
            return Results.Problem("The tenant was not found.", statusCode: StatusCodes.Status404NotFound);
        if (await db.Set<SandboxDeployment>().AsNoTracking().FirstOrDefaultAsync(d => d.TenantId == tenantId && d.Name == name) is { } existing)
            return Answer(existing);
        AzureDeploymentsClient.DeploymentRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<AzureDeploymentsClient.DeploymentRequest>(Json);
        }
        catch (JsonException)
        {
            body = null;
        }
        if (body is null || name.Length > 64 || SolutionTemplates.Find(body.Template) is not { } template || !SolutionTemplates.Check(template, body.Parameters).IsEmpty)
            return Results.Problem("InvalidTemplate: the template is unknown or its parameters are not valid.", statusCode: StatusCodes.Status400BadRequest);
        var deployment = new SandboxDeployment
        {
            Id = Guid.NewGuid(), TenantId = tenantId, Name = name, Template = body.Template, Parameters = JsonSerializer.Serialize(body.Parameters, Json), CreatedAt = clock.GetUtcNow(),
        };
        db.Add(deployment);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Answer(await db.Set<SandboxDeployment>().AsNoTracking().FirstAsync(d => d.TenantId == tenantId && d.Name == name));
        }
        return Answer(deployment, StatusCodes.Status201Created);
    }

    private static IResult Answer(SandboxDeployment d, int status = StatusCodes.Status200OK) =>
        Results.Json(new AzureDeploymentsClient.DeploymentAnswer($"/tenants/{d.TenantId}/providers/Microsoft.Resources/deployments/{d.Name}", "Succeeded"), Json, statusCode: status);
}
