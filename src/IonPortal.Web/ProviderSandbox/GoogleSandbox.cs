using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using IonPortal.Core.Catalog;
using IonPortal.Core.Data;
using IonPortal.Core.Google;
using IonPortal.Core.ProviderSandbox;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.ProviderSandbox;

/// <summary>
/// The provider sandbox's Google: an Admin console page where a Workspace customer creates a
/// transfer token quoting the distributor's and the reseller's public ids, and the reseller API's
/// transfer, which accepts the token once (again, it answers the same subscriptions) and moves two
/// of the catalog's Google Workspace plans under the reseller.
/// </summary>
public static class GoogleSandbox
{
    private const string Path = "/sandbox/google";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan TokenLife = TimeSpan.FromDays(14);

    public static void MapGoogleSandbox(this IEndpointRouteBuilder app)
    {
        var page = app.MapGroup(Path + "/transfer").DisableAntiforgery();
        page.MapGet("", () => Results.Content(TransferPage(null), "text/html"));
        page.MapPost("", CreateTokenAsync);
        app.MapPost(Path + "/v1/customers/{domain}/transfers", TransferAsync).DisableAntiforgery();
    }

    private static async Task<IResult> CreateTokenAsync(HttpRequest request, PortalDbContext db, TimeProvider clock)
    {
        var form = await request.ReadFormAsync();
        var domain = form["domain"].ToString().Trim().ToLowerInvariant();
        var quoted = form["publicIds"].ToString().Trim();
        if (!DomainName.IsValid(domain))
            return Results.Content(TransferPage("Enter your organization's primary domain, like example.com."), "text/html");
        // "Distributor public id - reseller public id", as the distributor asks customers to quote them.
        if (quoted.Split('-', 2) is not [{ Length: > 0 }, { Length: > 0 } reseller])
            return Results.Content(TransferPage("Quote the distributor's public id, a hyphen, then your reseller's public id."), "text/html");
        var now = clock.GetUtcNow();
        var transfer = new SandboxGoogleTransfer
        {
            Token = "TT-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)), Domain = domain, ResellerPublicId = reseller.Trim().ToLowerInvariant(),
            CreatedAt = now, ExpiresAt = now + TokenLife,
        };
        db.Add(transfer);
        await db.SaveChangesAsync();
        return Results.Content(TransferPage(null, transfer), "text/html");
    }

    private static async Task<IResult> TransferAsync(string domain, HttpRequest request, PortalDbContext db, TimeProvider clock)
    {
        GoogleResellerClient.TransferRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<GoogleResellerClient.TransferRequest>(Json);
        }
        catch (JsonException)
        {
            body = null;
        }
        var transfer = body is null ? null : await db.Set<SandboxGoogleTransfer>().FirstOrDefaultAsync(t => t.Token == body.TransferToken.Trim().ToUpper());
        var now = clock.GetUtcNow();
        if (transfer is null || transfer.Domain != domain.ToLowerInvariant() || transfer.ResellerPublicId != body!.ResellerPublicId.ToLowerInvariant() || transfer.ExpiresAt <= now)
            return Results.Problem("The transfer token is not valid for this customer and reseller.", statusCode: StatusCodes.Status400BadRequest);
        if (transfer.Subscriptions is null)
        {
            // Two Workspace plans from the catalog (Google's), on a yearly term, renewing in seven months.
            var plans = await db.Set<Plan>().AsNoTracking().Where(p => p.Product!.Provider == "google" && p.RetiredAt == null && p.Term == Term.P1Y)
                .OrderBy(p => p.Product!.Name).ThenBy(p => p.Sku).Take(2).ToListAsync();
            var moved = plans.Select((p, i) => new GoogleResellerClient.TransferAnswerItem("gws-" + Guid.NewGuid().ToString("N")[..12], p.Sku, i == 0 ? 12 : 4, now.AddMonths(7))).ToList();
            transfer.Subscriptions = JsonSerializer.Serialize(moved, Json);
            transfer.AcceptedAt = now;
            await db.SaveChangesAsync();
        }
        return Results.Json(new GoogleResellerClient.TransferAnswer(JsonSerializer.Deserialize<List<GoogleResellerClient.TransferAnswerItem>>(transfer.Subscriptions, Json)!), Json);
    }

    private static string TransferPage(string? problem, SandboxGoogleTransfer? created = null)
    {
        var body = created is not null
            ? $"""
              <p role="status">Your transfer token for <strong>{WebUtility.HtmlEncode(created.Domain)}</strong> is ready. Give it to your new reseller; it expires on {created.ExpiresAt:yyyy-MM-dd}.</p>
              <p><label for="token">Transfer token</label><br><input id="token" readonly value="{created.Token}" data-testid="transfer-token"></p>
              """
            : $"""
              {(problem is null ? "" : "<p role='alert'>" + WebUtility.HtmlEncode(problem) + "</p>")}
              <form method="post">
                <p><label for="domain">Your organization's primary domain</label><br><input id="domain" name="domain" required placeholder="example.com"></p>
                <p><label for="publicIds">Reseller public ids (distributor-reseller)</label><br><input id="publicIds" name="publicIds" required></p>
                <button type="submit">Create a transfer token</button>
              </form>
              """;
        return $"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Transfer to a reseller · Provider sandbox</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem">
            <main><h1>Transfer your subscriptions to a reseller</h1>
            <p>Provider sandbox: this page stands in for Google's Admin console, where a Workspace customer's admin creates a transfer token for its new reseller.</p>
            {body}</main></body></html>
            """;
    }
}
