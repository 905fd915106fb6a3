using System.Globalization;
using IonPortal.Core.Accounts;
using IonPortal.Core.Billing;
using IonPortal.Web.Account;
using IonPortal.Web.Components.Billing;
using IonPortal.Web.Tenancy;

namespace IonPortal.Web.Billing;

/// <summary>
/// Billing's downloads, for the console and the customer portal alike: a statement as CSV and a
/// report's lines as CSV (UTF-8 with its byte-order mark, RFC 4180) or as an Excel workbook whose
/// data is a table. The domain decides what the person may see; another's statement is a 404.
/// </summary>
public static class BillingEndpoints
{
    public static void MapBillingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console/statements/{id:guid}/csv", StatementCsvAsync).RequireAuthorization(nameof(PortalAction.UseConsole), nameof(PortalAction.ViewBilling));
        app.MapGet("/console/reports/export.{format}", ReportAsync).RequireAuthorization(nameof(PortalAction.UseConsole), nameof(PortalAction.ViewBilling));
        foreach (var prefix in new[] { "/v2c", "/marketplace" })
        {
            app.MapGet(prefix + "/statements/{id:guid}/csv", StatementCsvAsync).RequireAuthorization(Policies.StorefrontCustomer, nameof(PortalAction.ViewBilling));
            app.MapGet(prefix + "/reports/export.{format}", ReportAsync).RequireAuthorization(Policies.StorefrontCustomer, nameof(PortalAction.ViewBilling));
        }
    }

    private static async Task<IResult> StatementCsvAsync(Guid id, PortalSession session)
    {
        if (await session.RunAsync((Statements statements) => statements.FindAsync(id)) is not { } view)
            return Results.NotFound();
        var name = $"statement-{view.Statement.Number}-{view.Statement.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture)}.csv";
        return Results.File(CsvText.File(Statements.Csv(view)), "text/csv; charset=utf-8", name);
    }

    private static async Task<IResult> ReportAsync(string format, HttpRequest request, PortalSession session, TimeProvider clock)
    {
        if (format is not ("csv" or "xlsx"))
            return Results.NotFound();
        var settings = ReportQuery.Read(key => request.Query[key].FirstOrDefault());
        var lines = await session.RunAsync((BillingReports reports) => reports.LinesAsync(settings));
        if (!lines.IsDone)
            return lines.Status == Core.Validation.OutcomeStatus.Forbidden ? Results.Forbid()
                : Results.ValidationProblem(lines.Errors.ByField.ToDictionary(e => e.Key, e => new[] { e.Value.Text }));
        var report = lines.Value;
        var (from, to) = settings.Months(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var name = $"billing-report-{from:yyyy-MM}" + (to == from ? "" : $"-to-{to:yyyy-MM}");
        if (format == "csv")
            return Results.File(CsvText.File(BillingReports.Csv(report)), "text/csv; charset=utf-8", name + ".csv");
        var workbook = new MemoryStream();
        ReportWorkbook.Write(workbook, "Charges", BillingReports.Header(report.ShowsCost), report.Lines.Select(l => BillingReports.Cells(l, report.ShowsCost)));
        workbook.Position = 0;
        return Results.File(workbook, ReportWorkbook.ContentType, name + ".xlsx");
    }
}
