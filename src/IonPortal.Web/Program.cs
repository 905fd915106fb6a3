using IonPortal.Web.Demo;
using IonPortal.Web.Hosting;

// `dotnet run` serves the portal; `dotnet run -- migrate` only brings the database schema up to date.
var builder = WebApplication.CreateBuilder(args);
builder.AddPortalLogging();
await builder.AddPortalDatabaseAsync();
builder.AddPortalServices();

var app = builder.Build();
await app.MigrateDatabaseAsync();
if (args.Contains("migrate"))
    return;

await app.SeedDemoDataAsync();
app.UsePortalPipeline();
await app.RunAsync();

/// <summary>The entry point, public so the tests' WebApplicationFactory can host the app.</summary>
public partial class Program;
