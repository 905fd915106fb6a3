using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using IonPortal.Core.Customers;
using IonPortal.Core.Validation;
using Microsoft.Extensions.Logging;

namespace IonPortal.Core.PartnerCenter;

/// <summary>What creating a Microsoft customer needs: the tenant's domain prefix, the company and its billing contact and address.</summary>
public sealed record NewTenantRequest(string DomainPrefix, string CompanyName, ContactDetails Contact, PostalAddress Address, string Language);

/// <summary>
/// A new Microsoft customer: its tenant, its initial domain and its first admin's one-time
/// credentials. The password is shown to the reseller once and never stored or logged.
/// </summary>
public sealed record NewTenant(Guid TenantId, string Domain, string AdminUserName, string AdminPassword)
{
    public override string ToString() => $"{nameof(NewTenant)} {TenantId} {Domain}";   // never the password
}

/// <summary>A Microsoft tenant the partner is the reseller of: its id and initial domain.</summary>
public sealed record ProviderTenant(Guid TenantId, string Domain);

/// <summary>Who accepted the Microsoft Customer Agreement for a customer, on which day, and which version.</summary>
public sealed record AgreementAcceptance(string FirstName, string LastName, string Email, string Phone, DateOnly DateAgreed, string TemplateId);

/// <summary>A line to buy: Partner Center's catalog item (ProductId:SkuId:AvailabilityId), how many, the term and how it is billed.</summary>
public sealed record PurchaseLine(string CatalogItemId, int Quantity, Catalog.Term Term, Catalog.BillingFrequency Billing);

/// <summary>A subscription as Partner Center reports it.</summary>
public sealed record ProviderSubscription(string Id, string OfferId, int Quantity, string Status, bool AutoRenew, DateTimeOffset? CommitmentEnd);

/// <summary>A change to a subscription: its seats, its status ("active", "suspended") or its renewal; null leaves that as it is.</summary>
public sealed record SubscriptionChange(int? Quantity = null, string? Status = null, bool? AutoRenew = null);

/// <summary>A user of a customer's tenant.</summary>
public sealed record TenantUser(Guid Id, string UserPrincipalName, string DisplayName);

/// <summary>A new user and the one-time password to hand over (shown once, never stored or logged).</summary>
public sealed record NewTenantUser(TenantUser User, string Password)
{
    public override string ToString() => $"{nameof(NewTenantUser)} {User.UserPrincipalName}";   // never the password
}

/// <summary>How many licences of a SKU the customer bought and has assigned.</summary>
public sealed record LicenceCount(string SkuId, int Purchased, int Assigned);

/// <summary>
/// Partner Center's REST API, in its own shapes (see reference/partner-center). Calls go through a
/// resilience pipeline (retries with back-off that honour Retry-After, per-attempt and total
/// timeouts); what still fails becomes a problem a reseller understands. Creating a customer is
/// safe to retry: Partner Center answers a repeated MS-RequestId with the first result.
/// </summary>
public sealed class PartnerCenterClient(HttpClient http, Microsoft.Extensions.Options.IOptions<PartnerCenterOptions> options, ILogger<PartnerCenterClient> logger)
{
    public const string InitialDomainSuffix = ".onmicrosoft.com";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Whether <c>{prefix}.onmicrosoft.com</c> already exists (HEAD /v1/domains/{domain}: 200 taken, 404 free).</summary>
    public async Task<Outcome<bool>> IsDomainTakenAsync(string prefix, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"v1/domains/{Uri.EscapeDataString(prefix + InitialDomainSuffix)}");
        return await SendAsync(request, async response => response.StatusCode switch
        {
            HttpStatusCode.OK => Outcome.Done(true),
            HttpStatusCode.NotFound => Outcome.Done(false),
            _ => (Outcome<bool>)await FailureAsync(response, ct),
        }, ct);
    }

    /// <summary>POST /v1/customers: a new tenant with its company and billing profiles.</summary>
    public async Task<Outcome<NewTenant>> CreateCustomerAsync(NewTenantRequest tenant, CancellationToken ct = default)
    {
        var body = new PartnerCenterResources.Customer
        {
            CompanyProfile = new PartnerCenterResources.CompanyProfile { Domain = tenant.DomainPrefix + InitialDomainSuffix, CompanyName = tenant.CompanyName },
            BillingProfile = new PartnerCenterResources.BillingProfile
            {
                Email = tenant.Contact.Email, Culture = $"{tenant.Language}-{tenant.Address.Country}", Language = tenant.Language, CompanyName = tenant.CompanyName,
                DefaultAddress = new PartnerCenterResources.Address
                {
                    FirstName = tenant.Contact.FirstName, LastName = tenant.Contact.LastName, PhoneNumber = tenant.Contact.Phone,
                    AddressLine1 = tenant.Address.Street, City = tenant.Address.City, State = tenant.Address.State,
                    PostalCode = tenant.Address.PostalCode, Country = tenant.Address.Country,
                },
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/customers") { Content = JsonContent.Create(body, options: Json) };
        // One request id for every attempt: Partner Center creates the customer once.
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        return await SendAsync<NewTenant>(request, async response =>
        {
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
                return await FailureAsync(response, ct);
            var created = await response.Content.ReadFromJsonAsync<PartnerCenterResources.Customer>(Json, ct);
            return created is { CompanyProfile.TenantId: { } tenantId, CompanyProfile.Domain: { } domain, UserCredentials: { UserName: { } user, Password: { } password } }
                ? Outcome.Done(new NewTenant(tenantId, domain, $"{user}@{domain}", password))
                : Outcome.Invalid("", Problems.ProviderFailed);
        }, ct);
    }

    /// <summary>
    /// The tenant with this id, when it has accepted the partner as its reseller (GET
    /// /v1/customers/{id}); null when it hasn't, or doesn't exist: Partner Center can't tell them apart.
    /// </summary>
    public async Task<Outcome<ProviderTenant?>> FindCustomerAsync(Guid tenantId, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/customers/{tenantId}");
        return await SendAsync(request, async response => response.StatusCode switch
        {
            HttpStatusCode.OK => Outcome.Done(ToTenant(await response.Content.ReadFromJsonAsync<PartnerCenterResources.Customer>(Json, ct))),
            HttpStatusCode.NotFound => Outcome.Done<ProviderTenant?>(null),
            _ => (Outcome<ProviderTenant?>)await FailureAsync(response, ct),
        }, ct);
    }

    /// <summary>The partner's customer with this domain (initial or custom), by Partner Center's customer filter; null when none.</summary>
    public async Task<Outcome<ProviderTenant?>> FindCustomerByDomainAsync(string domain, CancellationToken ct = default)
    {
        var filter = JsonSerializer.Serialize(new { Field = "Domain", Value = domain, Operator = "starts_with" });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/customers?size=20&filter={Uri.EscapeDataString(filter)}");
        return await SendAsync(request, async response =>
        {
            if (response.StatusCode != HttpStatusCode.OK)
                return await FailureAsync(response, ct);
            var page = await response.Content.ReadFromJsonAsync<PartnerCenterResources.Collection<PartnerCenterResources.Customer>>(Json, ct);
            // "starts_with" also finds contoso.com.au for contoso.com: only the domain itself counts.
            var match = page?.Items.FirstOrDefault(c => string.Equals(c.CompanyProfile?.Domain, domain, StringComparison.OrdinalIgnoreCase))
                ?? (page?.Items.Count == 1 ? page.Items[0] : null);
            return Outcome.Done(ToTenant(match));
        }, ct);
    }

    /// <summary>The partner's reseller-relationship link (GET /v1/customers/relationshiprequests), for a customer's global admin to accept.</summary>
    public async Task<Outcome<string>> RelationshipRequestUrlAsync(CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/customers/relationshiprequests");
        return await SendAsync<string>(request, async response =>
            response.StatusCode == HttpStatusCode.OK && await response.Content.ReadFromJsonAsync<PartnerCenterResources.RelationshipRequest>(Json, ct) is { Url: { Length: > 0 } url }
                ? url
                : response.IsSuccessStatusCode ? Outcome.Invalid("", Problems.ProviderFailed) : await FailureAsync(response, ct), ct);
    }

    /// <summary>Confirms the customer's acceptance of the Microsoft Customer Agreement (POST /v1/customers/{id}/agreements).</summary>
    public async Task<Outcome> ConfirmAgreementAsync(Guid tenantId, AgreementAcceptance acceptance, CancellationToken ct = default)
    {
        var body = new PartnerCenterResources.Agreement
        {
            PrimaryContact = new PartnerCenterResources.Contact { FirstName = acceptance.FirstName, LastName = acceptance.LastName, Email = acceptance.Email, PhoneNumber = acceptance.Phone },
            DateAgreed = acceptance.DateAgreed.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            TemplateId = acceptance.TemplateId,
            Type = "MicrosoftCustomerAgreement",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/customers/{tenantId}/agreements") { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        return await SendAsync<bool>(request, async response =>
            response.IsSuccessStatusCode ? true : await FailureAsync(response, ct), ct);
    }

    /// <summary>
    /// Buys the lines for a customer: a cart (POST …/carts), then its checkout. Both carry the
    /// caller's request id, so a retried purchase (the same id) buys once. Answers the subscription
    /// id of each line, in order.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<string>>> PurchaseAsync(Guid tenantId, IReadOnlyList<PurchaseLine> lines, Guid requestId, CancellationToken ct = default)
    {
        var cart = new PartnerCenterResources.Cart
        {
            LineItems = lines.Select((l, i) => new PartnerCenterResources.CartLineItem
            {
                Id = i, CatalogItemId = l.CatalogItemId, Quantity = l.Quantity, TermDuration = l.Term.ToString(), BillingCycle = BillingCycleOf(l.Billing),
            }).ToList(),
        };
        using var create = new HttpRequestMessage(HttpMethod.Post, $"v1/customers/{tenantId}/carts") { Content = JsonContent.Create(cart, options: Json) };
        create.Headers.Add("MS-RequestId", requestId.ToString());
        var created = await SendAsync<string>(create, async response =>
            response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<PartnerCenterResources.Cart>(Json, ct) is { Id: { Length: > 0 } id }
                ? id
                : response.IsSuccessStatusCode ? Outcome.Invalid("", Problems.ProviderFailed) : await FailureAsync(response, ct, Problems.ProviderRefusedOrder), ct);
        if (!created.IsDone)
            return created.AsFailure();

        using var checkout = new HttpRequestMessage(HttpMethod.Post, $"v1/customers/{tenantId}/carts/{created.Value}/checkout");
        checkout.Headers.Add("MS-RequestId", requestId.ToString());
        return await SendAsync<IReadOnlyList<string>>(checkout, async response =>
        {
            if (!response.IsSuccessStatusCode)
                return await FailureAsync(response, ct, Problems.ProviderRefusedOrder);
            var result = await response.Content.ReadFromJsonAsync<PartnerCenterResources.CartCheckoutResult>(Json, ct);
            var subscriptions = result?.Orders.SelectMany(o => o.LineItems).OrderBy(l => l.LineItemNumber).Select(l => l.SubscriptionId).ToList();
            return subscriptions is { Count: > 0 } && subscriptions.Count == lines.Count && subscriptions.All(id => id is { Length: > 0 })
                ? Outcome.Done<IReadOnlyList<string>>(subscriptions!)
                : Outcome.Invalid("", Problems.ProviderFailed);
        }, ct);
    }

    public async Task<Outcome<ProviderSubscription?>> GetSubscriptionAsync(Guid tenantId, string subscriptionId, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/customers/{tenantId}/subscriptions/{Uri.EscapeDataString(subscriptionId)}");
        return await SendAsync(request, async response => response.StatusCode switch
        {
            HttpStatusCode.OK => Outcome.Done(ToSubscription(await response.Content.ReadFromJsonAsync<PartnerCenterResources.Subscription>(Json, ct))),
            HttpStatusCode.NotFound => Outcome.Done<ProviderSubscription?>(null),
            _ => (Outcome<ProviderSubscription?>)await FailureAsync(response, ct),
        }, ct);
    }

    /// <summary>Changes a subscription's seats, status or renewal (PATCH), answering it as it now is. A PATCH sets values, so repeating it is safe.</summary>
    public async Task<Outcome<ProviderSubscription>> UpdateSubscriptionAsync(Guid tenantId, string subscriptionId, SubscriptionChange change, CancellationToken ct = default)
    {
        var body = new PartnerCenterResources.Subscription { Quantity = change.Quantity, Status = change.Status, AutoRenewEnabled = change.AutoRenew };
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"v1/customers/{tenantId}/subscriptions/{Uri.EscapeDataString(subscriptionId)}")
        {
            Content = JsonContent.Create(body, options: Json),
        };
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        return await SendAsync<ProviderSubscription>(request, async response =>
            response.IsSuccessStatusCode && ToSubscription(await response.Content.ReadFromJsonAsync<PartnerCenterResources.Subscription>(Json, ct)) is { } updated
                ? updated
                : response.IsSuccessStatusCode ? Outcome.Invalid("", Problems.ProviderFailed) : await FailureAsync(response, ct), ct);
    }

    /// <summary>The catalog items the subscription may move to now (immediate) or at its renewal (scheduled).</summary>
    public async Task<Outcome<IReadOnlyList<string>>> TransitionTargetsAsync(Guid tenantId, string subscriptionId, bool immediate, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"v1/customers/{tenantId}/subscriptions/{Uri.EscapeDataString(subscriptionId)}/transitionEligibilities?eligibilityType={(immediate ? "immediate" : "scheduled")}");
        return await SendAsync<IReadOnlyList<string>>(request, async response =>
            response.StatusCode == HttpStatusCode.OK && await response.Content.ReadFromJsonAsync<PartnerCenterResources.Collection<PartnerCenterResources.TransitionEligibility>>(Json, ct) is { } page
                ? page.Items.Where(e => e.Eligibilities.Any(x => x.IsEligible)).Select(e => e.CatalogItemId).OfType<string>().ToList()
                : await FailureAsync(response, ct), ct);
    }

    /// <summary>Moves every seat of a subscription to another catalog item, licences with them; answers the new subscription's id.</summary>
    public async Task<Outcome<string>> TransitionAsync(Guid tenantId, string subscriptionId, string toCatalogItemId, int quantity, Catalog.Term term, Catalog.BillingFrequency billing, CancellationToken ct = default)
    {
        var body = new PartnerCenterResources.Transition
        {
            FromSubscriptionId = subscriptionId, ToCatalogItemId = toCatalogItemId, Quantity = quantity, TermDuration = term.ToString(),
            BillingCycle = BillingCycleOf(billing), TransitionType = "transition_with_license_transfer",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/customers/{tenantId}/subscriptions/{Uri.EscapeDataString(subscriptionId)}/transitions")
        {
            Content = JsonContent.Create(body, options: Json),
        };
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        return await SendAsync<string>(request, async response =>
            response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<PartnerCenterResources.Transition>(Json, ct) is { ToSubscriptionId: { Length: > 0 } id }
                ? id
                : response.IsSuccessStatusCode ? Outcome.Invalid("", Problems.ProviderFailed) : await FailureAsync(response, ct, Problems.PlanChangeRefused), ct);
    }

    public async Task<Outcome<IReadOnlyList<TenantUser>>> UsersAsync(Guid tenantId, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/customers/{tenantId}/users");
        return await SendAsync<IReadOnlyList<TenantUser>>(request, async response =>
            response.StatusCode == HttpStatusCode.OK && await response.Content.ReadFromJsonAsync<PartnerCenterResources.Collection<PartnerCenterResources.User>>(Json, ct) is { } page
                ? page.Items.Select(ToUser).OfType<TenantUser>().OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToList()
                : await FailureAsync(response, ct), ct);
    }

    /// <summary>Creates a user in the tenant with a one-time password they change at first sign-in (POST …/users).</summary>
    public async Task<Outcome<NewTenantUser>> CreateUserAsync(Guid tenantId, string firstName, string lastName, string userPrincipalName, string usageLocation, CancellationToken ct = default)
    {
        var password = OneTimePassword();
        var body = new PartnerCenterResources.User
        {
            UserPrincipalName = userPrincipalName, FirstName = firstName, LastName = lastName, DisplayName = $"{firstName} {lastName}", UsageLocation = usageLocation,
            PasswordProfile = new PartnerCenterResources.PasswordProfile { Password = password, ForceChangePassword = true },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/customers/{tenantId}/users") { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        return await SendAsync<NewTenantUser>(request, async response =>
        {
            if (response.StatusCode == HttpStatusCode.Conflict)
                return Outcome.Invalid("UserName", Problems.UserNameTaken);
            if (!response.IsSuccessStatusCode)
                return await FailureAsync(response, ct);
            return ToUser(await response.Content.ReadFromJsonAsync<PartnerCenterResources.User>(Json, ct)) is { } user
                ? new NewTenantUser(user, password)
                : Outcome.Invalid("", Problems.ProviderFailed);
        }, ct);
    }

    /// <summary>
    /// The current period's daily rated usage not yet invoiced, in a billing currency (GET
    /// /v1/invoices/unbilled/lineitems, a page of up to 2,000 at a time, the next asked for with its
    /// continuation token), each checked as a row of the reconciliation file is.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<Billing.UsageLine>>> UnbilledUsageAsync(string currency, CancellationToken ct = default)
    {
        var lines = new List<Billing.UsageLine>();
        string? continuation = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get,
                $"v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=usagelineitems&currencycode={currency}&period=current&size={options.Value.UsagePageSize}" + (continuation is null ? "" : "&seekOperation=Next"));
            if (continuation is not null)
                request.Headers.Add("MS-ContinuationToken", continuation);
            var page = await SendAsync<PartnerCenterResources.SeekCollection<PartnerCenterResources.UsageLineItem>>(request, async response =>
                response.StatusCode == HttpStatusCode.OK && await response.Content.ReadFromJsonAsync<PartnerCenterResources.SeekCollection<PartnerCenterResources.UsageLineItem>>(Json, ct) is { } items
                    ? items : await FailureAsync(response, ct), ct);
            if (!page.IsDone)
                return page.AsFailure();
            foreach (var item in page.Value.Items)
                lines.Add(Billing.UsageFile.Parse(lines.Count + 1, [.. Billing.UsageFile.Fields.Select(Field(item))]));
            continuation = page.Value.ContinuationToken is { Length: > 0 } next ? next : null;
        }
        while (continuation is not null);
        return lines;
    }

    // A line item's values by the reconciliation file's column names, so both are checked alike.
    private static Func<string, string> Field(PartnerCenterResources.UsageLineItem item) => column => (column switch
    {
        "CustomerId" => item.CustomerId, "CustomerName" => item.CustomerName, "CustomerDomainName" => item.CustomerDomainName,
        "ProductName" => item.ProductName, "SubscriptionId" => item.SubscriptionId,
        "UsageDate" => item.UsageDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        "MeterId" => item.MeterId, "MeterName" => item.MeterName, "MeterCategory" => item.MeterCategory, "MeterRegion" => item.MeterRegion,
        "Unit" => item.UnitOfMeasure, "ResourceURI" => item.ResourceUri, "ChargeType" => item.ChargeType,
        "Quantity" => item.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "BillingPreTaxTotal" => item.BillingPreTaxTotal.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "BillingCurrency" => item.BillingCurrency,
        _ => null,
    }) ?? "";

    /// <summary>The SKUs the customer holds licences of: bought and assigned (GET …/subscribedskus).</summary>
    public async Task<Outcome<IReadOnlyList<LicenceCount>>> LicenceCountsAsync(Guid tenantId, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/customers/{tenantId}/subscribedskus");
        return await SendAsync<IReadOnlyList<LicenceCount>>(request, async response =>
            response.StatusCode == HttpStatusCode.OK && await response.Content.ReadFromJsonAsync<PartnerCenterResources.Collection<PartnerCenterResources.SubscribedSku>>(Json, ct) is { } page
                ? page.Items.Where(s => s.ProductSku?.Id is not null).Select(s => new LicenceCount(s.ProductSku!.Id!, s.TotalUnits, s.ConsumedUnits)).ToList()
                : await FailureAsync(response, ct), ct);
    }

    /// <summary>The SKUs a user holds a licence of (GET …/users/{user-id}/licenses).</summary>
    public async Task<Outcome<IReadOnlyList<string>>> LicencesOfAsync(Guid tenantId, Guid userId, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/customers/{tenantId}/users/{userId}/licenses");
        return await SendAsync<IReadOnlyList<string>>(request, async response =>
            response.StatusCode == HttpStatusCode.OK && await response.Content.ReadFromJsonAsync<PartnerCenterResources.Collection<PartnerCenterResources.License>>(Json, ct) is { } page
                ? page.Items.Select(l => l.ProductSku?.Id).OfType<string>().ToList()
                : await FailureAsync(response, ct), ct);
    }

    /// <summary>Assigns a licence of a SKU to a user, or removes it (POST …/licenseupdates); Microsoft refuses an assignment past what was bought.</summary>
    public async Task<Outcome> UpdateLicenceAsync(Guid tenantId, Guid userId, string skuId, bool assign, CancellationToken ct = default)
    {
        var body = assign
            ? new PartnerCenterResources.LicenseUpdate { LicensesToAssign = [new PartnerCenterResources.LicenseAssignment { SkuId = skuId }] }
            : new PartnerCenterResources.LicenseUpdate { LicensesToRemove = [skuId] };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/customers/{tenantId}/users/{userId}/licenseupdates") { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        return await SendAsync<bool>(request, async response =>
            response.IsSuccessStatusCode ? true
            : response.StatusCode == HttpStatusCode.BadRequest ? Outcome.Conflict(Problems.LicencesUsedUp)
            : await FailureAsync(response, ct), ct);
    }

    private static TenantUser? ToUser(PartnerCenterResources.User? u) =>
        u is { Id: { } id, UserPrincipalName: { } upn } && Guid.TryParse(id, out var guid) ? new TenantUser(guid, upn, u.DisplayName ?? upn) : null;

    // Three of each kind and four more, shuffled: Azure AD's complexity rule, never a dictionary word.
    private static string OneTimePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789", symbols = "!@#$%*?";
        var chars = new[] { upper, upper, upper, lower, lower, lower, digits, digits, digits, symbols, upper + lower + digits, upper + lower + digits, upper + lower + digits, symbols }
            .Select(set => set[System.Security.Cryptography.RandomNumberGenerator.GetInt32(set.Length)]).ToArray();
        System.Security.Cryptography.RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    /// <summary>Partner Center's words for how a plan is billed.</summary>
    public static string BillingCycleOf(Catalog.BillingFrequency billing) => billing switch
    {
        Catalog.BillingFrequency.Monthly => "monthly",
        Catalog.BillingFrequency.Annual => "annual",
        Catalog.BillingFrequency.Triennial => "triennial",
        _ => "one_time",
    };

    private static ProviderSubscription? ToSubscription(PartnerCenterResources.Subscription? s) =>
        s is { Id: { } id, OfferId: { } offer, Quantity: { } quantity, Status: { } status }
            ? new ProviderSubscription(id, offer, quantity, status, s.AutoRenewEnabled ?? false, s.CommitmentEndDate)
            : null;

    private static ProviderTenant? ToTenant(PartnerCenterResources.Customer? customer) =>
        customer is { CompanyProfile: { TenantId: { } id, Domain: { } domain } } ? new ProviderTenant(id, domain) : null;

    private async Task<Outcome<T>> SendAsync<T>(HttpRequestMessage request, Func<HttpResponseMessage, Task<Outcome<T>>> read, CancellationToken ct)
    {
        try
        {
            using var response = await http.SendAsync(request, ct);
            return await read(response);
        }
        catch (Exception e) when (e is Polly.Timeout.TimeoutRejectedException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Partner Center: {Method} {Path} timed out", request.Method, request.RequestUri);
            return Outcome.Invalid("", Problems.ProviderTimedOut);
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning(e, "Partner Center: {Method} {Path} could not be reached", request.Method, request.RequestUri);
            return Outcome.Invalid("", Problems.ProviderUnreachable);
        }
    }

    // What the reseller is told, by what Partner Center answered after the retries.
    private async Task<Failure> FailureAsync(HttpResponseMessage response, CancellationToken ct, Problem? refused = null)
    {
        var error = response.Content.Headers.ContentLength is > 0 ? await ReadErrorAsync(response, ct) : null;
        logger.LogWarning("Partner Center: {Method} {Path} answered {Status} {Code} {Description}",
            response.RequestMessage?.Method, response.RequestMessage?.RequestUri, (int)response.StatusCode, error?.Code, error?.Description);
        return response.StatusCode switch
        {
            HttpStatusCode.Conflict => Outcome.Invalid("DomainPrefix", Problems.DomainTaken),
            HttpStatusCode.TooManyRequests => Outcome.Invalid("", Problems.ProviderBusy),
            HttpStatusCode.BadRequest => Outcome.Invalid("", refused ?? Problems.ProviderRefusedDetails),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => Outcome.Invalid("", Problems.ProviderNotAuthorized),
            _ => Outcome.Invalid("", Problems.ProviderFailed),
        };
    }

    private static async Task<PartnerCenterResources.Error?> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<PartnerCenterResources.Error>(Json, ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
