using IonPortal.Web.Account;
using IonPortal.Web.Tenancy;
using Serilog;
using Serilog.Events;

namespace IonPortal.Web.Hosting;

public static class PortalLogging
{
    /// <summary>Serilog, configured from the "Serilog" section; also the static logger, so start-up work (the local database) logs the same way.</summary>
    public static void AddPortalLogging(this WebApplicationBuilder builder)
    {
        Log.Logger = new LoggerConfiguration().ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext().CreateBootstrapLogger();
        builder.Logging.ClearProviders();
        // Each host its own logger (preserveStaticLogger: several hosts share a test run's static one);
        // writeToProviders: loggers registered by the host (tests capture what the app logs) see every event too.
        builder.Services.AddSerilog((services, logging) => logging
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext(), preserveStaticLogger: true, writeToProviders: true);
    }

    /// <summary>One line per request: method, path, status, elapsed time, and the reseller and person it ran for.</summary>
    public static IApplicationBuilder UsePortalRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // The host's own logger (not the static one, which every host of a test run shares); its
            // lines come from Serilog.AspNetCore.RequestLoggingMiddleware.
            options.Logger = app.ApplicationServices.GetService<Serilog.ILogger>() ?? Log.Logger;
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms for {Reseller} by {UserId}";
            // Static assets are routine; keep them out of the way unless debugging.
            options.GetLevel = (http, _, error) =>
                error is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : Path.HasExtension(http.Request.Path.Value) ? LogEventLevel.Debug
                : LogEventLevel.Information;
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                var session = http.RequestServices.GetService<PortalSession>();
                diagnostics.Set("Reseller", session?.Reseller?.Nickname ?? "-");
                diagnostics.Set("UserId", session?.User?.Id.ToString() ?? "-");
            };
        });
}
