using IonPortal.Core.Catalog;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.PartnerCenter;
using IonPortal.Core.ProviderSandbox;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IonPortal.Web.ProviderSandbox;

/// <summary>
/// Faults the sandbox adds on demand, from configuration ("ProviderSandbox:Faults") or set by a
/// test: a delay before every answer, and the next calls answered 429 (with Retry-After) or 500.
/// </summary>
public sealed class SandboxFaults
{
    private int _tooManyRequests;
    private int _serverErrors;
    private int _refusedPurchases;

    public SandboxFaults(IConfiguration configuration)
    {
        var faults = configuration.GetSection("ProviderSandbox:Faults");
        Latency = TimeSpan.FromMilliseconds(faults.GetValue("LatencyMs", 0));
        RetryAfterSeconds = faults.GetValue("RetryAfterSeconds", 1);
        _tooManyRequests = faults.GetValue("TooManyRequests", 0);
        _serverErrors = faults.GetValue("ServerErrors", 0);
        _refusedPurchases = faults.GetValue("RefusedPurchases", 0);
    }

    public TimeSpan Latency { get; set; }

    public int RetryAfterSeconds { get; set; }

    /// <summary>The next <paramref name="calls"/> calls answer 429 Too Many Requests.</summary>
    public void TooManyRequests(int calls) => Interlocked.Exchange(ref _tooManyRequests, calls);

    /// <summary>The next <paramref name="calls"/> calls answer 500.</summary>
    public void ServerErrors(int calls) => Interlocked.Exchange(ref _serverErrors, calls);

    /// <summary>The next <paramref name="carts"/> carts are refused (400), as Partner Center refuses an offer the customer can't buy.</summary>
    public void RefusePurchases(int carts) => Interlocked.Exchange(ref _refusedPurchases, carts);

    internal bool TakeRefusedPurchase() => Take(ref _refusedPurchases);

    internal bool TakeTooManyRequests() => Take(ref _tooManyRequests);

    internal bool TakeServerError() => Take(ref _serverErrors);

    private static bool Take(ref int pending)
    {
        int left;
        do
        {
            left = Volatile.Read(ref pending);
            if (left <= 0)
                return false;
        } while (Interlocked.CompareExchange(ref pending, left - 1, left) != left);
        return true;
    }
}

/// <summary>
/// The provider sandbox's Partner Center: the same REST shapes the real API answers, served by the
/// app itself in Development and tests (see reference/partner-center): domain availability and
/// customer creation, with a domain unique across every reseller, addresses checked per country,
/// realistic ids, MS-RequestId idempotency and faults on demand.
/// </summary>
public static class PartnerCenterSandbox
{
    public const string Path = "/sandbox/partner-center";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // The first admin's password is derived from the request (the same request, the same password)
    // with a key that lives only in this process: nothing the database holds can give it back.
    private static readonly byte[] PasswordKey = RandomNumberGenerator.GetBytes(32);

    public static void MapPartnerCenterSandbox(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path + "/v1").AddEndpointFilter(ApplyFaultsAsync).DisableAntiforgery();
        api.MapMethods("domains/{domain}", [HttpMethods.Head], async (string domain, PortalDbContext db) =>
            await db.Set<SandboxTenant>().AnyAsync(t => t.Domain == domain.ToLowerInvariant() || t.PrimaryDomain == domain.ToLowerInvariant()) ? Results.Ok() : Results.NotFound());
        api.MapPost("customers", CreateCustomerAsync);
        api.MapGet("customers/relationshiprequests", (HttpRequest request) =>
            Results.Json(new PartnerCenterResources.RelationshipRequest { Url = $"{request.Scheme}://{request.Host}{request.PathBase}{Path}/relationship?partnerId={PartnerId}" }, Json));
        api.MapGet("customers/{tenantId:guid}", async (Guid tenantId, PortalDbContext db) =>
            await db.Set<SandboxTenant>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId && t.IsPartnersCustomer) is { } tenant
                ? Results.Json(ToCustomer(tenant, tenant.Domain), Json)
                : Error(StatusCodes.Status404NotFound, 600, "The customer was not found."));
        api.MapGet("customers", FindCustomersAsync);
        api.MapPost("customers/{tenantId:guid}/agreements", ConfirmAgreementAsync);
        api.MapPost("customers/{tenantId:guid}/carts", CreateCartAsync);
        api.MapPost("customers/{tenantId:guid}/carts/{cartId:guid}/checkout", CheckoutAsync);
        api.MapGet("customers/{tenantId:guid}/subscriptions/{subscriptionId:guid}", async (Guid tenantId, Guid subscriptionId, PortalDbContext db) =>
            await db.Set<SandboxSubscription>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriptionId && s.TenantId == tenantId) is { } subscription
                ? Results.Json(ToSubscription(subscription), Json)
                : Error(StatusCodes.Status404NotFound, 800002, "The subscription was not found."));
        api.MapPatch("customers/{tenantId:guid}/subscriptions/{subscriptionId:guid}", UpdateSubscriptionAsync);
        api.MapGet("customers/{tenantId:guid}/subscriptions/{subscriptionId:guid}/transitionEligibilities", async (Guid tenantId, Guid subscriptionId, PortalDbContext db) =>
            await db.Set<SandboxSubscription>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriptionId && s.TenantId == tenantId) is { } subscription
                ? Results.Json(Collection(await EligibleAsync(db, subscription)), Json)
                : Error(StatusCodes.Status404NotFound, 800002, "The subscription was not found."));
        api.MapPost("customers/{tenantId:guid}/subscriptions/{subscriptionId:guid}/transitions", TransitionAsync);
        api.MapGet("customers/{tenantId:guid}/users", ListUsersAsync);
        api.MapPost("customers/{tenantId:guid}/users", CreateUserAsync);
        api.MapGet("customers/{tenantId:guid}/subscribedskus", SubscribedSkusAsync);
        api.MapGet("customers/{tenantId:guid}/users/{userId:guid}/licenses", async (Guid tenantId, Guid userId, PortalDbContext db) =>
            Results.Json(Collection(await db.Set<SandboxLicence>().AsNoTracking().Where(l => l.TenantId == tenantId && l.UserId == userId)
                .Select(l => new PartnerCenterResources.License { ProductSku = new PartnerCenterResources.ProductSku { Id = l.SkuId, Name = l.SkuId } }).ToListAsync()), Json));
        api.MapPost("customers/{tenantId:guid}/users/{userId:guid}/licenseupdates", UpdateLicencesAsync);
        api.MapGet("invoices/unbilled/lineitems", UnbilledUsageAsync);
        // Stands in for admin.microsoft.com, where a customer's global admin accepts the relationship.
        var page = app.MapGroup(Path + "/relationship").DisableAntiforgery();
        page.MapGet("", () => Results.Content(RelationshipPage(null), "text/html"));
        page.MapPost("", AcceptRelationshipAsync);
        // Stands in for Partner Center's billing page, where a month's daily rated usage file is downloaded.
        app.MapGet(Path + "/billing/daily-rated-usage.csv", async (HttpRequest request, PortalDbContext db) =>
        {
            var month = DateOnly.TryParseExact(request.Query["month"] + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var m)
                ? m : new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).AddMonths(-1);
            var currency = (request.Query["currency"].FirstOrDefault() ?? "USD").ToUpperInvariant();
            return Results.File(Core.Billing.CsvText.File(await SandboxUsage.FileAsync(db, currency, month)), "text/csv; charset=utf-8", $"DailyRatedUsage_{month:yyyyMM}_{currency}.csv");
        });
    }

    // The current period's daily rated usage, 2,000 line items a page at most; the next page is asked for with the continuation token.
    private static async Task<IResult> UnbilledUsageAsync(HttpRequest request, PortalDbContext db, TimeProvider clock)
    {
        if (request.Query["invoicelineitemtype"] != "usagelineitems" || request.Query["period"] != "current")
            return Error(StatusCodes.Status400BadRequest, 400, "Only the current period's usage line items are served here.");
        var currency = (request.Query["currencycode"].FirstOrDefault() ?? "USD").ToUpperInvariant();
        var size = int.TryParse(request.Query["size"], out var s) ? Math.Clamp(s, 1, 2000) : 2000;
        var offset = request.Query["seekOperation"] == "Next" && int.TryParse(request.Headers["MS-ContinuationToken"], out var o) ? Math.Max(0, o) : 0;
        var items = await SandboxUsage.CurrentPeriodAsync(db, currency, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return Results.Json(new PartnerCenterResources.SeekCollection<PartnerCenterResources.UsageLineItem>
        {
            TotalCount = items.Count, Items = items.Skip(offset).Take(size).ToList(),
            ContinuationToken = offset + size < items.Count ? (offset + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        }, Json);
    }

    /// <summary>The distributor's partner id in the sandbox's relationship links.</summary>
    public static readonly Guid PartnerId = new("3b33e682-00c3-41ee-9dd2-a548adf56438");

    private static async ValueTask<object?> ApplyFaultsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var faults = context.HttpContext.RequestServices.GetRequiredService<SandboxFaults>();
        if (faults.Latency > TimeSpan.Zero)
            await Task.Delay(faults.Latency, context.HttpContext.RequestAborted);
        if (faults.TakeTooManyRequests())
        {
            context.HttpContext.Response.Headers.RetryAfter = faults.RetryAfterSeconds.ToString();
            return Error(StatusCodes.Status429TooManyRequests, 429, "Too many requests. Retry after the time in the Retry-After header.");
        }
        return faults.TakeServerError()
            ? Error(StatusCodes.Status500InternalServerError, 500, "An internal error occurred in the sandbox (a fault on demand).")
            : await next(context);
    }

    private static async Task<IResult> CreateCustomerAsync(HttpRequest request, PortalDbContext db, TimeProvider clock)
    {
        if (!Guid.TryParse(request.Headers["MS-RequestId"], out var requestId))
            return Error(StatusCodes.Status400BadRequest, 400, "The MS-RequestId header is required.");
        PartnerCenterResources.Customer? body;
        try
        {
            body = await request.ReadFromJsonAsync<PartnerCenterResources.Customer>(Json);
        }
        catch (JsonException)
        {
            body = null;
        }
        if (await db.Set<SandboxTenant>().AsNoTracking().FirstOrDefaultAsync(t => t.RequestId == requestId) is { } repeated)
            return Created(repeated, requestId);

        var domain = body?.CompanyProfile?.Domain?.Trim().ToLowerInvariant() ?? "";
        var billing = body?.BillingProfile;
        var address = billing?.DefaultAddress;
        var errors = new FieldErrors();
        if (!IsInitialDomain(domain))
            return Error(StatusCodes.Status400BadRequest, 2001, "CompanyProfile.Domain must be a prefix of 1 to 27 letters and digits followed by .onmicrosoft.com.");
        if (string.IsNullOrWhiteSpace(billing?.CompanyName) || string.IsNullOrWhiteSpace(billing.Email) || string.IsNullOrWhiteSpace(address?.FirstName) || string.IsNullOrWhiteSpace(address.LastName))
            return Error(StatusCodes.Status400BadRequest, 2002, "BillingProfile needs CompanyName, Email and DefaultAddress.FirstName and LastName.");
        PostalAddresses.Validate(new PostalAddress(address.AddressLine1, address.City, address.State, address.PostalCode, address.Country), errors);
        if (!errors.IsEmpty)
            return Error(StatusCodes.Status400BadRequest, 2003, $"The address is not valid for its country: {string.Join(", ", errors.ByField.Keys)}.");
        if (await db.Set<SandboxTenant>().AnyAsync(t => t.Domain == domain || t.PrimaryDomain == domain))
            return Error(StatusCodes.Status409Conflict, 1002, $"The domain {domain} is already in use.");

        var now = clock.GetUtcNow();
        var tenant = new SandboxTenant
        {
            Id = Guid.NewGuid(), Domain = domain, CompanyName = billing.CompanyName.Trim(), Country = address.Country!.Trim().ToUpperInvariant(), RequestId = requestId, CreatedAt = now,
            IsPartnersCustomer = true,
        };
        db.Add(tenant);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Error(StatusCodes.Status409Conflict, 1002, $"The domain {domain} is already in use.");   // taken at the same moment
        }
        return Created(tenant, requestId);
    }

    private static IResult Created(SandboxTenant tenant, Guid requestId)
    {
        var customer = ToCustomer(tenant, tenant.Domain);
        customer.UserCredentials = new PartnerCenterResources.UserCredentials { UserName = "admin", Password = PasswordFor(requestId) };
        return Results.Json(customer, Json, statusCode: StatusCodes.Status201Created);
    }

    private static PartnerCenterResources.Customer ToCustomer(SandboxTenant tenant, string domain) => new()
    {
        Id = tenant.Id.ToString(),
        CompanyProfile = new PartnerCenterResources.CompanyProfile { TenantId = tenant.Id, Domain = domain, CompanyName = tenant.CompanyName },
        RelationshipToPartner = "reseller",
    };

    // GET /v1/customers?size=N&filter={"Field":"Domain","Value":"…","Operator":"starts_with"}: the partner's customers by domain.
    private static async Task<IResult> FindCustomersAsync(string? filter, int? size, PortalDbContext db)
    {
        string? value = null;
        try
        {
            using var parsed = JsonDocument.Parse(filter ?? "{}");
            if (parsed.RootElement.TryGetProperty("Field", out var field) && field.GetString() == "Domain" && parsed.RootElement.TryGetProperty("Value", out var v))
                value = v.GetString()?.Trim().ToLowerInvariant();
        }
        catch (JsonException)
        {
        }
        if (string.IsNullOrEmpty(value))
            return Error(StatusCodes.Status400BadRequest, 400, "The filter must be {\"Field\":\"Domain\",\"Value\":\"…\",\"Operator\":\"starts_with\"}.");
        var tenants = await db.Set<SandboxTenant>().AsNoTracking()
            .Where(t => t.IsPartnersCustomer && (t.Domain.StartsWith(value) || (t.PrimaryDomain != null && t.PrimaryDomain.StartsWith(value))))
            .OrderBy(t => t.Domain).Take(Math.Clamp(size ?? 20, 1, 100)).ToListAsync();
        var items = tenants.Select(t => ToCustomer(t, t.PrimaryDomain is { } primary && primary.StartsWith(value, StringComparison.Ordinal) ? primary : t.Domain)).ToList();
        return Results.Json(new PartnerCenterResources.Collection<PartnerCenterResources.Customer> { TotalCount = items.Count, Items = items }, Json);
    }

    private static async Task<IResult> ConfirmAgreementAsync(Guid tenantId, HttpRequest request, PortalDbContext db)
    {
        if (!await db.Set<SandboxTenant>().AnyAsync(t => t.Id == tenantId && t.IsPartnersCustomer))
            return Error(StatusCodes.Status404NotFound, 600, "The customer was not found.");
        PartnerCenterResources.Agreement? agreement;
        try
        {
            agreement = await request.ReadFromJsonAsync<PartnerCenterResources.Agreement>(Json);
        }
        catch (JsonException)
        {
            agreement = null;
        }
        var contact = agreement?.PrimaryContact;
        if (agreement is not { Type: "MicrosoftCustomerAgreement", TemplateId.Length: > 0, DateAgreed: { } agreed } || agreed.Date > DateTime.UtcNow.AddHours(14)
            || string.IsNullOrWhiteSpace(contact?.FirstName) || string.IsNullOrWhiteSpace(contact.LastName) || !EmailAddress.IsValid(contact.Email))
            return Error(StatusCodes.Status400BadRequest, 2100, "The agreement needs its type, templateId, a dateAgreed not in the future and the primary contact's first name, last name and email.");
        return Results.Json(agreement, Json, statusCode: StatusCodes.Status201Created);
    }

    private static readonly string[] BillingCycles = ["monthly", "annual", "triennial", "one_time"];
    private static readonly string[] Terms = ["P1M", "P1Y", "P3Y"];

    private static async Task<IResult> CreateCartAsync(Guid tenantId, HttpRequest request, PortalDbContext db, TimeProvider clock, SandboxFaults faults)
    {
        if (!Guid.TryParse(request.Headers["MS-RequestId"], out var requestId))
            return Error(StatusCodes.Status400BadRequest, 400, "The MS-RequestId header is required.");
        if (!await db.Set<SandboxTenant>().AnyAsync(t => t.Id == tenantId && t.IsPartnersCustomer))
            return Error(StatusCodes.Status404NotFound, 600, "The customer was not found.");
        if (await db.Set<SandboxCart>().AsNoTracking().FirstOrDefaultAsync(c => c.RequestId == requestId) is { } repeated)
            return Results.Json(ToCart(repeated), Json, statusCode: StatusCodes.Status201Created);
        if (faults.TakeRefusedPurchase())
            return Error(StatusCodes.Status400BadRequest, 800050, "The offer is not available for this customer (a refusal on demand).");
        PartnerCenterResources.Cart? cart;
        try
        {
            cart = await request.ReadFromJsonAsync<PartnerCenterResources.Cart>(Json);
        }
        catch (JsonException)
        {
            cart = null;
        }
        if (cart is not { LineItems.Count: > 0 } || cart.LineItems.Any(l => string.IsNullOrWhiteSpace(l.CatalogItemId) || l.Quantity is < 1 or > 10_000
            || !Terms.Contains(l.TermDuration) || !BillingCycles.Contains(l.BillingCycle)))
            return Error(StatusCodes.Status400BadRequest, 800001, "Each line item needs a catalogItemId, a quantity from 1 to 10,000, a termDuration and a billingCycle.");
        var saved = new SandboxCart
        {
            Id = Guid.NewGuid(), TenantId = tenantId, RequestId = requestId, LineItems = JsonSerializer.Serialize(cart.LineItems, Json), CreatedAt = clock.GetUtcNow(),
        };
        db.Add(saved);
        await db.SaveChangesAsync();
        return Results.Json(ToCart(saved), Json, statusCode: StatusCodes.Status201Created);
    }

    // Checks a cart out once: subscriptions for its lines in one order; checking it out again answers that order.
    private static async Task<IResult> CheckoutAsync(Guid tenantId, Guid cartId, PortalDbContext db, TimeProvider clock)
    {
        var cart = await db.Set<SandboxCart>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == cartId && c.TenantId == tenantId);
        if (cart is null)
            return Error(StatusCodes.Status404NotFound, 800003, "The cart was not found.");
        if (cart.OrderId is null)
        {
            // Claimed with its subscriptions in one transaction: two checkouts at once make one order.
            await using var tx = await db.Database.BeginTransactionAsync();
            var orderId = Guid.NewGuid();
            if (await db.Set<SandboxCart>().Where(c => c.Id == cartId && c.OrderId == null).ExecuteUpdateAsync(u => u.SetProperty(c => c.OrderId, orderId)) == 1)
            {
                var now = clock.GetUtcNow();
                foreach (var line in JsonSerializer.Deserialize<List<PartnerCenterResources.CartLineItem>>(cart.LineItems, Json)!)
                {
                    db.Add(new SandboxSubscription
                    {
                        Id = Guid.NewGuid(), TenantId = tenantId, OrderId = orderId, LineNumber = line.Id, OfferId = line.CatalogItemId!, Quantity = line.Quantity,
                        BillingCycle = line.BillingCycle!, TermDuration = line.TermDuration!, CreatedAt = now,
                        CommitmentEnd = now.AddMonths(line.TermDuration switch { "P1M" => 1, "P1Y" => 12, _ => 36 }),
                    });
                }
                await db.SaveChangesAsync();
            }
            await tx.CommitAsync();
            cart = await db.Set<SandboxCart>().AsNoTracking().FirstAsync(c => c.Id == cartId);
        }
        var subscriptions = await db.Set<SandboxSubscription>().AsNoTracking().Where(s => s.TenantId == tenantId && s.OrderId == cart.OrderId).OrderBy(s => s.LineNumber).ToListAsync();
        return Results.Json(new PartnerCenterResources.CartCheckoutResult
        {
            Orders =
            [
                new PartnerCenterResources.Order
                {
                    Id = cart.OrderId.ToString(), Status = "completed",
                    LineItems = subscriptions.Select(s => new PartnerCenterResources.OrderLineItem { LineItemNumber = s.LineNumber, OfferId = s.OfferId, SubscriptionId = s.Id.ToString(), Quantity = s.Quantity }).ToList(),
                },
            ],
        }, Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateSubscriptionAsync(Guid tenantId, Guid subscriptionId, HttpRequest request, PortalDbContext db)
    {
        var subscription = await db.Set<SandboxSubscription>().FirstOrDefaultAsync(s => s.Id == subscriptionId && s.TenantId == tenantId);
        if (subscription is null)
            return Error(StatusCodes.Status404NotFound, 800002, "The subscription was not found.");
        PartnerCenterResources.Subscription? change;
        try
        {
            change = await request.ReadFromJsonAsync<PartnerCenterResources.Subscription>(Json);
        }
        catch (JsonException)
        {
            change = null;
        }
        if (subscription.Status == "deleted")
            return Error(StatusCodes.Status409Conflict, 800005, "The subscription was cancelled; it can't be changed.");
        if (change is null || change.Quantity is < 1 or > 10_000 || (change.Status is not null && change.Status is not ("active" or "suspended" or "deleted")))
            return Error(StatusCodes.Status400BadRequest, 800004, "The quantity must be from 1 to 10,000 and the status active, suspended or deleted.");
        subscription.Quantity = change.Quantity ?? subscription.Quantity;
        subscription.Status = change.Status ?? subscription.Status;
        subscription.AutoRenew = change.AutoRenewEnabled ?? subscription.AutoRenew;
        await db.SaveChangesAsync();
        return Results.Json(ToSubscription(subscription), Json);
    }

    // What the subscription can move to: Microsoft's catalog is the portal's (the price list imports it), its allowed plan changes, on the same term.
    private static async Task<List<PartnerCenterResources.TransitionEligibility>> EligibleAsync(PortalDbContext db, SandboxSubscription subscription)
    {
        if (subscription.Status != "active" || !Enum.TryParse<Term>(subscription.TermDuration, out var term))
            return [];
        var targets = await (from source in db.Set<Plan>()
                             join change in db.Set<PlanUpgrade>() on source.Id equals change.FromPlanId
                             join to in db.Set<Plan>() on change.ToPlanId equals to.Id
                             where source.Sku == subscription.OfferId && to.RetiredAt == null && to.Term == term
                             select new { to.Sku, to.Name }).ToListAsync();
        return targets.Select(t => new PartnerCenterResources.TransitionEligibility
        {
            CatalogItemId = t.Sku, Title = t.Name, Quantity = subscription.Quantity,
            Eligibilities = [new() { IsEligible = true, TransitionType = "transition_with_license_transfer" }],
        }).ToList();
    }

    // The seats move to a new subscription of the target; the source keeps what is left (cancelled when none), and licences follow.
    private static async Task<IResult> TransitionAsync(Guid tenantId, Guid subscriptionId, HttpRequest request, PortalDbContext db, TimeProvider clock)
    {
        var source = await db.Set<SandboxSubscription>().FirstOrDefaultAsync(s => s.Id == subscriptionId && s.TenantId == tenantId);
        if (source is null)
            return Error(StatusCodes.Status404NotFound, 800002, "The subscription was not found.");
        PartnerCenterResources.Transition? body;
        try
        {
            body = await request.ReadFromJsonAsync<PartnerCenterResources.Transition>(Json);
        }
        catch (JsonException)
        {
            body = null;
        }
        if (body is null || body.Quantity < 1 || body.Quantity > source.Quantity || (await EligibleAsync(db, source)).All(e => e.CatalogItemId != body.ToCatalogItemId))
            return Error(StatusCodes.Status400BadRequest, 800060, "The subscription is not eligible for this transition.");
        await using var tx = await db.Database.BeginTransactionAsync();
        var now = clock.GetUtcNow();
        var target = new SandboxSubscription
        {
            Id = Guid.NewGuid(), TenantId = tenantId, OrderId = source.OrderId, LineNumber = source.LineNumber, OfferId = body.ToCatalogItemId!, Quantity = body.Quantity,
            BillingCycle = source.BillingCycle, TermDuration = source.TermDuration, CreatedAt = now, CommitmentEnd = source.CommitmentEnd, AutoRenew = source.AutoRenew,
        };
        db.Add(target);
        source.Quantity -= body.Quantity;
        if (source.Quantity == 0)
            source.Status = "deleted";
        await db.SaveChangesAsync();
        if (body.TransitionType == "transition_with_license_transfer")
        {
            var moved = await db.Set<SandboxLicence>().Where(l => l.TenantId == tenantId && l.SkuId == source.OfferId).Take(body.Quantity).ToListAsync();
            db.RemoveRange(moved);
            db.AddRange(moved.Select(l => new SandboxLicence { UserId = l.UserId, SkuId = target.OfferId, TenantId = tenantId, AssignedAt = now }));
            await db.SaveChangesAsync();
        }
        await tx.CommitAsync();
        body.FromCatalogItemId = source.OfferId;
        body.FromSubscriptionId = source.Id.ToString();
        body.ToSubscriptionId = target.Id.ToString();
        body.Status = "completed";
        return Results.Json(body, Json, statusCode: StatusCodes.Status201Created);
    }

    private static PartnerCenterResources.Collection<T> Collection<T>(List<T> items) => new() { TotalCount = items.Count, Items = items };

    private static PartnerCenterResources.User ToUser(SandboxUser u) => new()
    {
        Id = u.Id.ToString(), UserPrincipalName = u.UserPrincipalName, FirstName = u.FirstName, LastName = u.LastName, DisplayName = u.DisplayName,
        UsageLocation = u.UsageLocation, State = "active",
    };

    private static async Task<IResult> ListUsersAsync(Guid tenantId, PortalDbContext db) =>
        !await db.Set<SandboxTenant>().AnyAsync(t => t.Id == tenantId && t.IsPartnersCustomer)
            ? Error(StatusCodes.Status404NotFound, 600, "The customer was not found.")
            : Results.Json(Collection((await db.Set<SandboxUser>().AsNoTracking().Where(u => u.TenantId == tenantId).OrderBy(u => u.DisplayName).ToListAsync()).Select(ToUser).ToList()), Json);

    // A user in one of the tenant's domains; the user name is unique across tenants, as in Azure AD.
    private static async Task<IResult> CreateUserAsync(Guid tenantId, HttpRequest request, PortalDbContext db, TimeProvider clock)
    {
        var tenant = await db.Set<SandboxTenant>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId && t.IsPartnersCustomer);
        if (tenant is null)
            return Error(StatusCodes.Status404NotFound, 600, "The customer was not found.");
        PartnerCenterResources.User? body;
        try
        {
            body = await request.ReadFromJsonAsync<PartnerCenterResources.User>(Json);
        }
        catch (JsonException)
        {
            body = null;
        }
        var upn = body?.UserPrincipalName?.Trim().ToLowerInvariant() ?? "";
        var domain = upn.Split('@') is [{ Length: > 0 }, var d] ? d : "";
        if (domain != tenant.Domain && domain != tenant.PrimaryDomain)
            return Error(StatusCodes.Status400BadRequest, 2101, $"The user principal name must be in one of the tenant's domains ({tenant.Domain}).");
        if (string.IsNullOrWhiteSpace(body!.FirstName) || string.IsNullOrWhiteSpace(body.LastName) || body.PasswordProfile?.Password is not { Length: >= 8 })
            return Error(StatusCodes.Status400BadRequest, 2102, "FirstName, LastName and a PasswordProfile with a password of 8 or more characters are required.");
        if (await db.Set<SandboxUser>().AnyAsync(u => u.UserPrincipalName == upn))
            return Error(StatusCodes.Status409Conflict, 1003, $"A user named {upn} already exists.");
        var user = new SandboxUser
        {
            Id = Guid.NewGuid(), TenantId = tenantId, UserPrincipalName = upn, FirstName = body.FirstName.Trim(), LastName = body.LastName.Trim(),
            DisplayName = body.DisplayName?.Trim() is { Length: > 0 } name ? name : $"{body.FirstName.Trim()} {body.LastName.Trim()}",
            UsageLocation = body.UsageLocation ?? tenant.Country, CreatedAt = clock.GetUtcNow(),
        };
        db.Add(user);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Error(StatusCodes.Status409Conflict, 1003, $"A user named {upn} already exists.");
        }
        return Results.Json(ToUser(user), Json, statusCode: StatusCodes.Status201Created);
    }

    // Licences bought are the active subscriptions' seats of the SKU; assigned ones are counted per SKU.
    private static async Task<IResult> SubscribedSkusAsync(Guid tenantId, PortalDbContext db)
    {
        var bought = await db.Set<SandboxSubscription>().AsNoTracking().Where(s => s.TenantId == tenantId && s.Status == "active")
            .GroupBy(s => s.OfferId).Select(g => new { Sku = g.Key, Units = g.Sum(s => s.Quantity) }).ToListAsync();
        var assigned = await db.Set<SandboxLicence>().AsNoTracking().Where(l => l.TenantId == tenantId)
            .GroupBy(l => l.SkuId).Select(g => new { Sku = g.Key, Units = g.Count() }).ToDictionaryAsync(g => g.Sku, g => g.Units);
        return Results.Json(Collection(bought.Select(b => new PartnerCenterResources.SubscribedSku
        {
            TotalUnits = b.Units, ConsumedUnits = assigned.GetValueOrDefault(b.Sku), AvailableUnits = Math.Max(0, b.Units - assigned.GetValueOrDefault(b.Sku)),
            ProductSku = new PartnerCenterResources.ProductSku { Id = b.Sku, Name = b.Sku },
        }).ToList()), Json);
    }

    // One assignment at a time per tenant and SKU (an advisory lock), so two at once can't pass the count together.
    private static async Task<IResult> UpdateLicencesAsync(Guid tenantId, Guid userId, HttpRequest request, PortalDbContext db, TimeProvider clock)
    {
        if (!await db.Set<SandboxUser>().AnyAsync(u => u.Id == userId && u.TenantId == tenantId))
            return Error(StatusCodes.Status404NotFound, 600, "The user was not found.");
        PartnerCenterResources.LicenseUpdate? update;
        try
        {
            update = await request.ReadFromJsonAsync<PartnerCenterResources.LicenseUpdate>(Json);
        }
        catch (JsonException)
        {
            update = null;
        }
        if (update is null)
            return Error(StatusCodes.Status400BadRequest, 2103, "The body must be a LicenseUpdate.");
        await using var tx = await db.Database.BeginTransactionAsync();
        foreach (var sku in (update.LicensesToAssign ?? []).Select(a => a.SkuId).OfType<string>())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({tenantId + ":" + sku}, 0))");
            if (await db.Set<SandboxLicence>().AnyAsync(l => l.UserId == userId && l.SkuId == sku))
                continue;
            var bought = await db.Set<SandboxSubscription>().Where(s => s.TenantId == tenantId && s.OfferId == sku && s.Status == "active").SumAsync(s => s.Quantity);
            var assigned = await db.Set<SandboxLicence>().CountAsync(l => l.TenantId == tenantId && l.SkuId == sku);
            if (assigned >= bought)
                return Error(StatusCodes.Status400BadRequest, 60012, "We're sorry, it looks like you've run out of licenses. Buy more licenses, and then try again.");
            db.Add(new SandboxLicence { UserId = userId, SkuId = sku, TenantId = tenantId, AssignedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }
        var removed = (update.LicensesToRemove ?? []).ToList();
        await db.Set<SandboxLicence>().Where(l => l.UserId == userId && removed.Contains(l.SkuId)).ExecuteDeleteAsync();
        await tx.CommitAsync();
        return Results.Json(update, Json, statusCode: StatusCodes.Status201Created);
    }

    private static PartnerCenterResources.Cart ToCart(SandboxCart cart) => new()
    {
        Id = cart.Id.ToString(), LineItems = JsonSerializer.Deserialize<List<PartnerCenterResources.CartLineItem>>(cart.LineItems, Json)!,
    };

    private static PartnerCenterResources.Subscription ToSubscription(SandboxSubscription s) => new()
    {
        Id = s.Id.ToString(), OfferId = s.OfferId, Quantity = s.Quantity, Status = s.Status, AutoRenewEnabled = s.AutoRenew, BillingCycle = s.BillingCycle,
        TermDuration = s.TermDuration, CreationDate = s.CreatedAt, CommitmentEndDate = s.CommitmentEnd, OrderId = s.OrderId.ToString(),
    };

    // The customer's global admin accepts the relationship for the tenant with this domain (the
    // sandbox learns an existing tenant the first time its admin shows up).
    private static async Task<IResult> AcceptRelationshipAsync(HttpRequest request, PortalDbContext db, TimeProvider clock)
    {
        var form = await request.ReadFormAsync();
        var domain = form["domain"].ToString().Trim().ToLowerInvariant();
        var company = form["company"].ToString().Trim();
        if (!DomainName.IsValid(domain) || company.Length is 0 or > 200)
            return Results.Content(RelationshipPage("Enter your organization's name and one of its domains (contoso.com or contoso.onmicrosoft.com)."), "text/html", statusCode: StatusCodes.Status400BadRequest);
        var tenant = await db.Set<SandboxTenant>().FirstOrDefaultAsync(t => t.Domain == domain || t.PrimaryDomain == domain);
        if (tenant is null)
        {
            var custom = !domain.EndsWith(PartnerCenterClient.InitialDomainSuffix, StringComparison.Ordinal);
            var prefix = new string(domain.Split('.')[0].Where(char.IsAsciiLetterOrDigit).Take(20).ToArray());
            var initial = custom ? prefix + PartnerCenterClient.InitialDomainSuffix : domain;
            for (var n = 2; await db.Set<SandboxTenant>().AnyAsync(t => t.Domain == initial); n++)
                initial = $"{prefix}{n}{PartnerCenterClient.InitialDomainSuffix}";
            tenant = new SandboxTenant
            {
                Id = Guid.NewGuid(), Domain = initial, PrimaryDomain = custom ? domain : null, CompanyName = company, Country = "US", CreatedAt = clock.GetUtcNow(),
            };
            db.Add(tenant);
        }
        tenant.IsPartnersCustomer = true;
        await db.SaveChangesAsync();
        return Results.Content(RelationshipPage(null, tenant), "text/html");
    }

    private static string RelationshipPage(string? problem, SandboxTenant? accepted = null)
    {
        var body = accepted is not null
            ? $"""
              <p role="status">Accepted. Your partner is now the reseller of <strong>{WebUtility.HtmlEncode(accepted.CompanyName)}</strong>.</p>
              <dl><dt>Tenant ID</dt><dd data-testid="tenant-id">{accepted.Id}</dd><dt>Domain</dt><dd>{WebUtility.HtmlEncode(accepted.PrimaryDomain ?? accepted.Domain)}</dd></dl>
              """
            : $"""
              {(problem is null ? "" : "<p role='alert'>" + WebUtility.HtmlEncode(problem) + "</p>")}
              <form method="post">
                <p><label for="company">Organization name</label><br><input id="company" name="company" required maxlength="200"></p>
                <p><label for="domain">A domain of your organization</label><br><input id="domain" name="domain" required placeholder="contoso.com"></p>
                <button type="submit">Accept and authorize</button>
              </form>
              """;
        return $"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Accept the reseller relationship · Provider sandbox</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem">
            <main><h1>Accept the reseller relationship</h1>
            <p>Provider sandbox: this page stands in for Microsoft's admin center, where a customer's global admin authorizes a partner as its reseller.</p>
            {body}</main></body></html>
            """;
    }

    private static string PasswordFor(Guid requestId)
    {
        var bytes = HMACSHA256.HashData(PasswordKey, requestId.ToByteArray());
        return "Sb!" + Convert.ToBase64String(bytes, 0, 12).Replace('/', '-').Replace('+', '_');
    }

    // A 1 to 27 character prefix of letters and digits, as Azure AD allows for initial domains.
    private static bool IsInitialDomain(string domain) =>
        domain.EndsWith(PartnerCenterClient.InitialDomainSuffix, StringComparison.Ordinal)
        && domain[..^PartnerCenterClient.InitialDomainSuffix.Length] is { Length: >= 1 and <= 27 } prefix
        && prefix.All(char.IsAsciiLetterOrDigit);

    private static IResult Error(int status, int code, string description) =>
        Results.Json(new PartnerCenterResources.Error { Code = code, Description = description, Source = "ProviderSandbox" }, Json, statusCode: status);
}
