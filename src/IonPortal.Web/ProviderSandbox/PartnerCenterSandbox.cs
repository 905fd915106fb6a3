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

    public SandboxFaults(IConfiguration configuration)
    {
        var faults = configuration.GetSection("ProviderSandbox:Faults");
        Latency = TimeSpan.FromMilliseconds(faults.GetValue("LatencyMs", 0));
        RetryAfterSeconds = faults.GetValue("RetryAfterSeconds", 1);
        _tooManyRequests = faults.GetValue("TooManyRequests", 0);
        _serverErrors = faults.GetValue("ServerErrors", 0);
    }

    public TimeSpan Latency { get; set; }

    public int RetryAfterSeconds { get; set; }

    /// <summary>The next <paramref name="calls"/> calls answer 429 Too Many Requests.</summary>
    public void TooManyRequests(int calls) => Interlocked.Exchange(ref _tooManyRequests, calls);

    /// <summary>The next <paramref name="calls"/> calls answer 500.</summary>
    public void ServerErrors(int calls) => Interlocked.Exchange(ref _serverErrors, calls);

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
            await db.Set<SandboxTenant>().AnyAsync(t => t.Domain == domain.ToLowerInvariant()) ? Results.Ok() : Results.NotFound());
        api.MapPost("customers", CreateCustomerAsync);
    }

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
        if (await db.Set<SandboxTenant>().AnyAsync(t => t.Domain == domain))
            return Error(StatusCodes.Status409Conflict, 1002, $"The domain {domain} is already in use.");

        var now = clock.GetUtcNow();
        var tenant = new SandboxTenant
        {
            Id = Guid.NewGuid(), Domain = domain, CompanyName = billing.CompanyName.Trim(), Country = address.Country!.Trim().ToUpperInvariant(), RequestId = requestId, CreatedAt = now,
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

    private static IResult Created(SandboxTenant tenant, Guid requestId) => Results.Json(new PartnerCenterResources.Customer
    {
        Id = tenant.Id.ToString(),
        CompanyProfile = new PartnerCenterResources.CompanyProfile { TenantId = tenant.Id, Domain = tenant.Domain, CompanyName = tenant.CompanyName },
        UserCredentials = new PartnerCenterResources.UserCredentials { UserName = "admin", Password = PasswordFor(requestId) },
        RelationshipToPartner = "reseller",
    }, Json, statusCode: StatusCodes.Status201Created);

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
