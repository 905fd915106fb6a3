using IonPortal.Core.Accounts;
using IonPortal.Core.Orders;
using IonPortal.Core.Validation;
using IonPortal.Web.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace IonPortal.Web.Orders;

/// <summary>An order to place over the API: the customer, the provider and the cart.</summary>
public sealed record PlaceOrderRequest(Guid CustomerId, string? Provider, IReadOnlyList<CartLine>? Lines);

public sealed record OrderLineResponse(int Line, Guid PlanId, string Product, string Plan, int Quantity, decimal UnitPrice, Guid? SubscriptionId);

public sealed record OrderResponse(Guid Id, long Number, Guid CustomerId, string Provider, string Status, string Currency, decimal Total, DateTimeOffset PlacedAt,
    string? Problem, IReadOnlyList<OrderLineResponse> Lines)
{
    public static OrderResponse Of(Order o) => new(o.Id, o.Number, o.CustomerId, o.Provider, o.Status.ToString(), o.Currency, o.Total, o.PlacedAt,
        IonPortal.Core.Validation.Problem.FromKey(o.FailureProblem)?.Text,
        o.Lines.OrderBy(l => l.LineNumber).Select(l => new OrderLineResponse(l.LineNumber, l.PlanId, l.ProductName, l.PlanName, l.Quantity, l.UnitPrice, l.SubscriptionId)).ToList());
}

/// <summary>
/// The orders API, for a signed-in reseller's tools (and the order benchmark): place an order through
/// the same checkout as the console, once per <c>Idempotency-Key</c>, and read how it provisions.
/// Failures are RFC 7807 problem details, with the field errors or the failing checks. Bodies must be
/// JSON, which a cross-site form can't send, so the session cookie can't be used to place orders from
/// another site.
/// </summary>
public static class OrderEndpoints
{
    public const string Prefix = "/api/v1";

    public static void MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).DisableAntiforgery();

        api.MapPost("orders", async (PlaceOrderRequest request, [FromHeader(Name = "Idempotency-Key")] string? key, PortalSession session) =>
        {
            if (!Guid.TryParse(key, out var checkoutKey))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = [Problems.CheckoutKeyMissing.Text] });
            var lines = request.Lines ?? [];
            var placed = await session.RunAsync((Checkout checkout) => checkout.PlaceAsync(request.CustomerId, request.Provider, lines, checkoutKey));
            if (placed.IsDone)
                return Results.Created($"{Prefix}/orders/{placed.Value.Id}", OrderResponse.Of(placed.Value));
            if (placed.Status == OutcomeStatus.Conflict)
            {
                // Every failing check, not just the first, so a caller can fix them all at once.
                var quote = await session.RunAsync((Checkout checkout) => checkout.QuoteAsync(request.CustomerId, request.Provider, lines));
                return Results.Problem(placed.Problem!.Text, statusCode: StatusCodes.Status409Conflict, title: "The order can't be placed",
                    extensions: new Dictionary<string, object?>
                    {
                        ["checks"] = quote?.Problems.Select(p => new { check = p.Block.ToString(), line = p.Line, message = p.Problem.Text }).ToList(),
                    });
            }
            return Problem(placed);
        }).RequireAuthorization(nameof(PortalAction.PlaceOrders)).Accepts<PlaceOrderRequest>("application/json");

        api.MapGet("orders/{id:guid}", async (Guid id, PortalSession session) =>
            await session.RunAsync((Core.Orders.Orders orders) => orders.FindAsync(id)) is { } order
                ? Results.Ok(OrderResponse.Of(order))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found"))
            .RequireAuthorization(nameof(PortalAction.UseConsole));
    }

    /// <summary>
    /// For an API request the sign-in and access-denied pages answer with a bare status instead (and
    /// the status-code pages stay out of it: they would re-run the JSON post as a page's form post).
    /// </summary>
    public static bool Answers(HttpContext context, int status)
    {
        if (!context.Request.Path.StartsWithSegments(Prefix))
            return false;
        context.Response.StatusCode = status;
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            pages.Enabled = false;
        return true;
    }

    /// <summary>An outcome that isn't done, as problem details: field errors for invalid input, else its status and message.</summary>
    public static IResult Problem(Outcome outcome) => outcome.Status switch
    {
        OutcomeStatus.Invalid => Results.ValidationProblem(outcome.Errors.ByField.ToDictionary(e => e.Key, e => new[] { e.Value.Text })),
        OutcomeStatus.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        OutcomeStatus.Forbidden => Results.Problem(outcome.Problem?.Text, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden"),
        _ => Results.Problem(outcome.Problem?.Text, statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
    };
}
