using IonPortal.Core.Accounts;
using IonPortal.Core.Catalog;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.MicrosoftTenants;
using IonPortal.Core.Paging;
using IonPortal.Core.Pricing;
using IonPortal.Core.Validation;
using IonPortal.Core.VendorPrograms;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IonPortal.Core.Orders;

/// <summary>A plan and how many of it, as a cart holds it; a click-to-run solution also carries its parameters.</summary>
public sealed record CartLine(Guid PlanId, int Quantity, IReadOnlyDictionary<string, string>? Parameters = null);

/// <summary>What stops a checkout; each has a problem that says how to fix it, and the page a link to where.</summary>
public enum CheckoutBlock
{
    CartEmpty,
    CustomerNotActive,
    ProviderNotAuthorized,
    ProviderNotInPortal,
    ProviderNotConnected,
    ProgramNotApproved,
    TenantNotLinked,
    AgreementNotAccepted,
    PlanUnavailable,
    QuantityOutOfRange,
    TooManyLines,
    /// <summary>A click-to-run solution without its parameters, or with values it can't deploy.</summary>
    ParametersInvalid,
}

/// <summary>One check that failed; <paramref name="Line"/> is the cart line it is about (1-based), if any.</summary>
public sealed record CheckoutProblem(CheckoutBlock Block, Problem Problem, int? Line = null);

/// <summary>A cart line priced for the customer: what it will cost per charge, or no price when it can't be bought.</summary>
public sealed record QuotedLine(int LineNumber, Guid PlanId, Guid ProductId, string ProductName, string PlanName, string Sku, Term Term, BillingFrequency Billing,
    string Unit, int Quantity, int MinQuantity, int MaxQuantity, decimal? UnitPrice, decimal? UnitCost, IReadOnlyDictionary<string, string>? Parameters = null)
{
    public decimal LineTotal => (UnitPrice ?? 0) * Quantity;
}

/// <summary>The review step: the cart priced by the customer's book for the provider, and every check that fails.</summary>
public sealed record CheckoutQuote(Guid CustomerId, string CustomerName, string Provider, string Currency, IReadOnlyList<QuotedLine> Lines, IReadOnlyList<CheckoutProblem> Problems)
{
    public decimal Total => Lines.Sum(l => l.LineTotal);

    public bool IsReady => Problems.Count == 0;
}

/// <summary>A plan as the order form offers it: priced for the customer, with how many may be bought.</summary>
public sealed record OfferedPlan(Guid PlanId, string Name, string Sku, Term Term, BillingFrequency Billing, string Unit, int MinQuantity, int MaxQuantity, decimal Price);

public sealed record OfferedProduct(Guid Id, string Name, string VendorName, string Category, string ShortDescription, string? Code, IReadOnlyList<OfferedPlan> Plans);

/// <summary>
/// Checkout: prices a cart from the customer's price book for the provider, runs the checks a
/// purchase must pass (customer active, provider authorized — and for a customer ordering itself,
/// enabled in its portal —, the vendor program approved, Microsoft's tenant and agreement, plans on
/// sale, quantities within limits) and places the order once per checkout key, with its prices
/// snapshotted and a provisioning job queued in the same transaction.
/// </summary>
public sealed class Checkout(PortalDbContext db, CurrentActor actor, OwnCompany company, VendorProgramGate programs, MicrosoftPurchaseGate microsoft,
    ProvisioningQueue provisioning, TimeProvider clock)
{
    /// <summary>The providers whose orders the portal can provision (it has their client).</summary>
    public static readonly IReadOnlyList<string> Provisioned = ["microsoft"];

    public const int MaxLines = 20;

    public const int OfferPageSize = 8;

    /// <summary>
    /// What the order form offers for a customer and provider: the provider's products on sale in the
    /// currency of the customer's book, searched and paged in the database, each plan priced by that
    /// book. Null when the customer isn't one the current person may order for.
    /// </summary>
    public async Task<Page<OfferedProduct>?> OfferAsync(Guid customerId, string? provider, string? search, int page, CancellationToken ct = default) =>
        await OfferAsync(customerId, provider, search, page, solutions: false, ct);

    /// <summary>The click-to-run solutions a customer may request, priced like the rest (the order form offers everything else).</summary>
    public Task<Page<OfferedProduct>?> SolutionsAsync(Guid customerId, int page, CancellationToken ct = default) =>
        OfferAsync(customerId, "microsoft", null, page, solutions: true, ct);

    private async Task<Page<OfferedProduct>?> OfferAsync(Guid customerId, string? provider, string? search, int page, bool solutions, CancellationToken ct)
    {
        if (!await company.MaySeeAsync(customerId, ct))
            return null;
        var authorization = await db.Set<ProviderAuthorization>().AsNoTracking().FirstOrDefaultAsync(a => a.CustomerId == customerId && a.Provider == provider, ct);
        if (authorization is null)
            return await db.Set<Customer>().AnyAsync(c => c.Id == customerId, ct) ? new Page<OfferedProduct>([], 1, OfferPageSize, 0) : null;
        var currency = authorization.Currency;
        var products = db.Set<Product>().AsNoTracking()
            .Where(p => p.Provider == provider && p.RetiredAt == null && (p.Kind == ProductKind.Solution) == solutions
                && p.Plans.Any(pl => pl.RetiredAt == null && pl.Prices.Any(x => x.Currency == currency)));
        if (SearchPattern.Contains(search) is { } pattern)
            products = products.Where(p => EF.Functions.ILike(p.Name, pattern) || EF.Functions.ILike(p.Vendor!.Name, pattern) || EF.Functions.ILike(p.Category, pattern));
        var found = await products.OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, VendorName = p.Vendor!.Name, p.VendorId, p.Category, p.ShortDescription, p.ExternalId })
            .ToPageAsync(new PageRequest(page, OfferPageSize), ct);
        var ids = found.Items.Select(p => p.Id).ToList();
        var plans = await db.Set<Plan>().AsNoTracking().Include(p => p.Prices.Where(x => x.Currency == currency))
            .Where(p => ids.Contains(p.ProductId) && p.RetiredAt == null && p.Prices.Any(x => x.Currency == currency))
            .OrderBy(p => p.Term).ThenBy(p => p.Billing).ToListAsync(ct);
        var book = await BookAsync(authorization, ct);
        return new Page<OfferedProduct>(found.Items.Select(p => new OfferedProduct(p.Id, p.Name, p.VendorName, p.Category, p.ShortDescription, p.ExternalId,
            plans.Where(pl => pl.ProductId == p.Id).Select(pl => new OfferedPlan(pl.Id, pl.Name, pl.Sku, pl.Term, pl.Billing, pl.Unit, pl.MinQuantity, pl.MaxQuantity,
                book.PriceOf(new PlanFacts(pl.Id, p.Id, p.VendorId, p.Category, pl.Prices[0].Cost, pl.Prices[0].ListPrice)).Price)).ToList())).ToList(),
            found.Number, found.Size, found.TotalCount);
    }

    /// <summary>The providers the customer may be ordered for here (for its own people: those enabled in its portal).</summary>
    public async Task<IReadOnlyList<ProviderAuthorization>> ProvidersAsync(Guid customerId, CancellationToken ct = default) =>
        !await company.MaySeeAsync(customerId, ct) ? []
        : await db.Set<ProviderAuthorization>().AsNoTracking().Where(a => a.CustomerId == customerId && (!company.IsCustomerPerson || a.EnabledInPortal))
            .OrderBy(a => a.Provider).ToListAsync(ct);

    /// <summary>The cart priced with its checks; null when the customer isn't one the current person may order for.</summary>
    public async Task<CheckoutQuote?> QuoteAsync(Guid customerId, string? provider, IReadOnlyList<CartLine> cart, CancellationToken ct = default)
    {
        if (!await company.MaySeeAsync(customerId, ct))
            return null;
        var customer = await db.Set<Customer>().AsNoTracking().Include(c => c.Authorizations).FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null || !CloudProviders.IsKnown(provider))
            return null;
        var problems = new List<CheckoutProblem>();
        var authorization = customer.Authorizations.FirstOrDefault(a => a.Provider == provider);
        var currency = authorization?.Currency ?? customer.Currency;
        var lines = await PriceAsync(cart, provider!, authorization, currency, problems, ct);

        if (cart.Count == 0)
            problems.Add(new(CheckoutBlock.CartEmpty, Problems.CartEmpty));
        if (customer.Status != CustomerStatus.Active)
            problems.Add(new(CheckoutBlock.CustomerNotActive, Problems.CustomerNotActive));
        if (authorization is null)
            problems.Add(new(CheckoutBlock.ProviderNotAuthorized, Problems.ProviderNotAuthorizedForCustomer));
        else if (company.IsCustomerPerson && !authorization.EnabledInPortal)
            problems.Add(new(CheckoutBlock.ProviderNotInPortal, Problems.ProviderNotInPortal));
        if (!Provisioned.Contains(provider))
            problems.Add(new(CheckoutBlock.ProviderNotConnected, Problems.ProviderNotConnected));
        if (await programs.CheckAsync(provider!, ct) is { IsDone: false } program)
            problems.Add(new(CheckoutBlock.ProgramNotApproved, company.IsCustomerPerson ? Problems.ResellerCannotSellYet : program.Problem!));
        if (provider == "microsoft" && await microsoft.CheckAsync(customerId, ct) is { IsDone: false, Problem: { } tenantProblem })
            problems.Add(new(tenantProblem == Problems.TenantNotLinked ? CheckoutBlock.TenantNotLinked : CheckoutBlock.AgreementNotAccepted, tenantProblem));
        return new CheckoutQuote(customer.Id, customer.CompanyName, provider!, currency, lines, problems);
    }

    /// <summary>
    /// Places the order when every check passes. Idempotent by <paramref name="checkoutKey"/>: the
    /// same key again (a double click, a retried post) answers the order it placed the first time.
    /// </summary>
    public async Task<Outcome<Order>> PlaceAsync(Guid customerId, string? provider, IReadOnlyList<CartLine> cart, Guid checkoutKey, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.PlaceOrders))
            return Outcome.Forbidden(Problems.MayNotPlaceOrders);
        if (checkoutKey == Guid.Empty)
            return Outcome.Invalid("", Problems.CheckoutKeyMissing);
        if (await PlacedWithAsync(checkoutKey, ct) is { } placed)
            return placed.CustomerId == customerId && await company.MaySeeAsync(customerId, ct) ? placed : Outcome.NotFound;
        var quote = await QuoteAsync(customerId, provider, cart, ct);
        if (quote is null)
            return Outcome.NotFound;
        if (!quote.IsReady)
            return Outcome.Conflict(quote.Problems[0].Problem);

        var now = clock.GetUtcNow();
        var order = new Order
        {
            Id = Guid.CreateVersion7(now), CustomerId = customerId, CheckoutKey = checkoutKey, Provider = quote.Provider, Currency = quote.Currency,
            Total = quote.Total, PlacedAt = now, PlacedBy = actor.Name, PlacedByUserId = actor.UserId, PlacedByCustomer = company.IsCustomerPerson,
            Lines = quote.Lines.Select(l => new OrderLine
            {
                LineNumber = l.LineNumber, PlanId = l.PlanId, ProductId = l.ProductId, ProductName = l.ProductName, PlanName = l.PlanName, Sku = l.Sku,
                Term = l.Term, Billing = l.Billing, Unit = l.Unit, Quantity = l.Quantity, UnitPrice = l.UnitPrice!.Value, UnitCost = l.UnitCost!.Value,
                Parameters = l.Parameters is null ? null : System.Text.Json.JsonSerializer.Serialize(l.Parameters),
            }).ToList(),
        };
        order.MoveTo(OrderStatus.Placed, actor.Name, now);
        db.Add(order);
        provisioning.Enqueue(order, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_orders_reseller_id_checkout_key" })
        {
            // The same checkout posted twice at once: the other request placed it.
            db.ChangeTracker.Clear();
            return (await PlacedWithAsync(checkoutKey, ct))!;
        }
        provisioning.Wake();
        return order;
    }

    private async Task<PriceBook> BookAsync(ProviderAuthorization authorization, CancellationToken ct) =>
        await db.Set<PriceBook>().AsNoTracking().Include(b => b.Rules).FirstOrDefaultAsync(b => b.Id == authorization.PriceBookId, ct)
        ?? PriceBook.Master(PriceBasis.ListPrice, authorization.Currency);

    private Task<Order?> PlacedWithAsync(Guid checkoutKey, CancellationToken ct) =>
        db.Set<Order>().AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.CheckoutKey == checkoutKey, ct);

    private async Task<List<QuotedLine>> PriceAsync(IReadOnlyList<CartLine> cart, string provider, ProviderAuthorization? authorization, string currency,
        List<CheckoutProblem> problems, CancellationToken ct)
    {
        var planIds = cart.Select(l => l.PlanId).Distinct().ToList();
        var plans = await db.Set<Plan>().AsNoTracking().Include(p => p.Product).Include(p => p.Prices.Where(x => x.Currency == currency))
            .Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var book = authorization is null ? null : await BookAsync(authorization, ct);

        var lines = new List<QuotedLine>();
        foreach (var (line, number) in cart.Take(MaxLines).Select((l, i) => (l, i + 1)))
        {
            if (!plans.TryGetValue(line.PlanId, out var plan) || plan.Product!.Provider != provider)
            {
                problems.Add(new(CheckoutBlock.PlanUnavailable, Problems.PlanUnavailable, number));
                continue;
            }
            var price = plan.Prices.FirstOrDefault();
            var quote = book is not null && price is not null
                ? book.PriceOf(new PlanFacts(plan.Id, plan.ProductId, plan.Product.VendorId, plan.Product.Category, price.Cost, price.ListPrice))
                : null;
            if (!plan.IsPurchasable || price is null)
                problems.Add(new(CheckoutBlock.PlanUnavailable, Problems.PlanUnavailable, number));
            if (line.Quantity < plan.MinQuantity || line.Quantity > plan.MaxQuantity)
                problems.Add(new(CheckoutBlock.QuantityOutOfRange, Problems.QuantityOutOfRange(plan.MinQuantity, plan.MaxQuantity), number));
            // A solution deploys with its parameters; anything else carries none.
            var parameters = plan.Product.Kind == ProductKind.Solution ? line.Parameters?.ToDictionary(p => p.Key, p => p.Value.Trim()) : null;
            if (plan.Product.Kind == ProductKind.Solution && (Solutions.SolutionTemplates.Find(plan.Product.ExternalId) is not { } template
                || parameters is null || !Solutions.SolutionTemplates.Check(template, parameters).IsEmpty))
                problems.Add(new(CheckoutBlock.ParametersInvalid, Problems.SolutionNeedsParameters, number));
            lines.Add(new QuotedLine(number, plan.Id, plan.ProductId, plan.Product.Name, plan.Name, plan.Sku, plan.Term, plan.Billing, plan.Unit,
                line.Quantity, plan.MinQuantity, plan.MaxQuantity, quote?.Price, quote?.Cost, parameters));
        }
        if (cart.Count > MaxLines)
            problems.Add(new(CheckoutBlock.TooManyLines, Problems.TooManyLines(MaxLines)));
        return lines;
    }
}
