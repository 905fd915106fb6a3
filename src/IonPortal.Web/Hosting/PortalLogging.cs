using System.Diagnostics;
using IonPortal.Core.Tenancy;
using Serilog;
using Serilog.Extensions.Logging;

namespace IonPortal.Web.Hosting;

public static class PortalLogging
{
    /// <summary>Serilog to the console, configured from the "Serilog" section of appsettings.</summary>
    public static void AddPortalLogging(this WebApplicationBuilder builder)
    {
        // Also the static logger, so start-up work before the host is built (the local database) logs the same way.
        Log.Logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new SerilogLoggerProvider(Log.Logger, dispose: false));
    }

    /// <summary>One line per request: method, path, status, elapsed time and the reseller it ran for.</summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("IonPortal.Requests");
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var path = context.Request.Path;
                // Static assets are routine; keep them out of the way unless debugging.
                var level = Path.HasExtension(path.Value) ? LogLevel.Debug : LogLevel.Information;
                if (logger.IsEnabled(level))
                {
                    logger.Log(level, "HTTP {Method} {Path} responded {StatusCode} in {Elapsed:0.0} ms for {Reseller}",
                        context.Request.Method, path.Value, context.Response.StatusCode,
                        Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                        context.RequestServices.GetService<TenantContext>()?.Nickname ?? "-");
                }
            }
        });
    }
}
