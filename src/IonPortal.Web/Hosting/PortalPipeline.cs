using IonPortal.Web.Billing;
using IonPortal.Web.Orders;
using System.Text.Json;
using IonPortal.Web.Account;
using IonPortal.Web.Bench;
using IonPortal.Web.Components;
using IonPortal.Web.ProviderSandbox;
using IonPortal.Web.Tenancy;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace IonPortal.Web.Hosting;

public static class PortalPipeline
{
    public static void UsePortalPipeline(this WebApplication app)
    {
        app.UsePortalRequestLogging();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/status/500", createScopeForErrors: true);
            app.UseHsts();
        }
        // Errors without a body (404 for an unknown storefront or a foreign id, 403, 400) get a friendly page.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<TenantResolution>();
        app.UseAuthorization();
        app.UseMiddleware<TwoFactorSetupGate>();
        app.UseOutputCache();
        app.UseMiddleware<FormTextCleaning>();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapOrderEndpoints();
        app.MapBillingEndpoints();
        if (app.Configuration.GetValue("ProviderSandbox:Enabled", false))
        {
            app.MapPartnerCenterSandbox();
            app.MapGoogleSandbox();
            app.MapAzureSandbox();
        }
        if (app.Configuration.GetValue("Bench:RawEndpoint", false))
        {
            app.MapRawCatalogEndpoint();
            app.MapBenchMemoryEndpoint();
        }
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
    }

    /// <summary>{"status":"Healthy","checks":{"database":"Healthy"}}; 503 when the database is down.</summary>
    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
            elapsedMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
        }));
    }
}
