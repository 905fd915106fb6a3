using IonPortal.Core.Data;

namespace IonPortal.Web.Hosting;

/// <summary>Where the portal's database is, and how it is brought up to date.</summary>
public sealed record PortalDatabase(string ConnectionString)
{
    public const string ConnectionName = "IonPortal";
}

public static class PortalDatabaseSetup
{
    /// <summary>
    /// Uses <c>ConnectionStrings:IonPortal</c> when set. Otherwise, in Development only, starts the
    /// private PostgreSQL cluster under <c>.localdb/</c> and stops it when the app stops.
    /// </summary>
    public static async Task AddPortalDatabaseAsync(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(PortalDatabase.ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (!builder.Environment.IsDevelopment())
                throw new InvalidOperationException($"Set ConnectionStrings:{PortalDatabase.ConnectionName} to the portal's PostgreSQL database.");

            using var loggers = new Serilog.Extensions.Logging.SerilogLoggerFactory(Serilog.Log.Logger);
            var directory = builder.Configuration["LocalDatabase:Directory"] ?? Path.Combine(builder.Environment.ContentRootPath, ".localdb");
            var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions { Directory = directory }, loggers.CreateLogger<LocalPostgres>());
            const string database = "ionportal";
            if (!await cluster.DatabaseExistsAsync(database))
                await cluster.CreateDatabaseAsync(database);
            connectionString = cluster.ConnectionString(database);
            builder.Services.AddSingleton(cluster);
            builder.Services.AddHostedService<LocalPostgresLifetime>();
        }

        builder.Configuration[$"ConnectionStrings:{PortalDatabase.ConnectionName}"] = connectionString;
        builder.Services.AddSingleton(new PortalDatabase(connectionString));
    }

    /// <summary>Applies the SQL migrations before the app serves anything.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<PortalDatabase>();
        var migrator = new SchemaMigrator(database.ConnectionString, MigrationScript.Embedded(),
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<SchemaMigrator>());
        await migrator.MigrateAsync(app.Lifetime.ApplicationStopping);
    }

    /// <summary>Stops the local cluster after everything else has stopped (it is registered first).</summary>
    private sealed class LocalPostgresLifetime(LocalPostgres cluster) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken) => await cluster.DisposeAsync();
    }
}
