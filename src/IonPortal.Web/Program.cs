using IonPortal.Web.Demo;
using IonPortal.Web.Hosting;

// `dotnet run` serves the portal. Commands (after `--` with dotnet run):
//   migrate                  bring the database schema up to date, then exit
//   invite-operator <email>  create the first platform operator and email them an invitation
//   import-price-list <file> import Partner Center's new-commerce price list into the catalog
//   import-usage <nickname> <file>      import a daily rated usage reconciliation file for a reseller
//   run-statements <nickname> <yyyy-MM> make a reseller's statements for a month
//   time-billing-queries <nickname> <n> time the reseller dashboard's and a report's queries (benchmark)
var builder = WebApplication.CreateBuilder(args);
builder.AddPortalLogging();
await builder.AddPortalDatabaseAsync();
builder.AddPortalServices();

var app = builder.Build();
await app.MigrateDatabaseAsync();
switch (args)
{
    case ["migrate", ..]:
        return 0;
    case ["invite-operator", var email, ..]:
        return await OperatorCommand.InviteOperatorAsync(app.Services, email, Console.Out);
    case ["import-price-list", var path, ..]:
        return await PriceListCommand.ImportAsync(app.Services, path, Console.Out);
    case ["import-usage", var nickname, var path, ..]:
        return await BillingCommands.ImportUsageAsync(app.Services, nickname, path, Console.Out);
    case ["run-statements", var nickname, var month, ..]:
        return await BillingCommands.RunStatementsAsync(app.Services, nickname, month, Console.Out);
    case ["time-billing-queries", var nickname, var runs, ..]:
        return await BillingCommands.TimeQueriesAsync(app.Services, nickname, int.Parse(runs), Console.Out);
}

await app.SeedDemoDataAsync();
app.UsePortalPipeline();
await app.RunAsync();
return 0;

/// <summary>The entry point, public so the tests' WebApplicationFactory can host the app.</summary>
public partial class Program;
