using IonPortal.Core.Catalog;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Paging;
using IonPortal.Core.Pricing;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Storefronts;

public sealed record CatalogQuery(string? Search = null, Guid? VendorId = null, string? Category = null, int Page = 1);

/// <summary>
/// The cheapest way to buy a product under the storefront's book, by monthly equivalent (an annual
/// commitment often beats month-to-month), shown as it is charged: what the tile says "from".
/// </summary>
public sealed record FromPrice(decimal Price, string Currency, Term Term, BillingFrequency Billing, string Unit);

public sealed record ProductTile(Guid ProductId, string Name, string VendorName, string Category, string ShortDescription, ProductKind Kind, FromPrice? From);

public sealed record VendorFacet(Guid Id, string Name);

public sealed record CatalogResults(Page<ProductTile> Tiles, IReadOnlyList<VendorFacet> Vendors, IReadOnlyList<string> Categories);

public sealed record PricedPlan(Guid PlanId, string Sku, string Name, Term Term, BillingFrequency Billing, string Unit, decimal Price);

public sealed record ProductDetails(Guid Id, string Name, string VendorName, string Category, string ShortDescription, string Description,
    ProductKind Kind, string Provider, string Currency, IReadOnlyList<PricedPlan> Plans);

/// <summary>
/// What a storefront visitor sees: the products of the vendors the reseller shows (minus hidden
/// ones) that can be bought in the book's currency, priced by that book and never by another.
/// </summary>
public sealed class StorefrontCatalog(PortalDbContext db)
{
    public const int PageSize = 24;

    /// <summary>The book that prices the storefront for visitors: the chosen one, else list prices.</summary>
    public async Task<PriceBook> PricingAsync(CancellationToken ct = default)
    {
        var settings = await db.Set<StorefrontSettings>().AsNoTracking().FirstOrDefaultAsync(ct);
        if (settings?.PriceBookId is { } id && await db.Set<PriceBook>().AsNoTracking().Include(b => b.Rules).FirstOrDefaultAsync(b => b.Id == id, ct) is { } book)
            return book;
        return PriceBook.Master(PriceBasis.ListPrice, settings?.Currency ?? "USD");
    }

    /// <summary>
    /// How a signed-in customer's catalog is priced: each authorized provider by its book, the rest
    /// by the customer's default book or else the storefront's. Null when the customer isn't the
    /// current reseller's.
    /// </summary>
    public async Task<CatalogPricing?> CustomerPricingAsync(Guid customerId, PriceBook storefrontBook, CancellationToken ct = default)
    {
        var customer = await db.Set<Customer>().AsNoTracking().Include(c => c.Authorizations).FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null)
            return null;
        var bookIds = customer.Authorizations.Select(a => a.PriceBookId).Append(customer.PriceBookId ?? Guid.Empty).Distinct().ToList();
        var books = await db.Set<PriceBook>().AsNoTracking().Include(b => b.Rules).Where(b => bookIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
        var byProvider = customer.Authorizations
            .Where(a => books.ContainsKey(a.PriceBookId))
            .ToDictionary(a => a.Provider, a => new ProviderPricing(books[a.PriceBookId], a.EnabledInPortal));
        return new CatalogPricing(customer.PriceBookId is { } own && books.TryGetValue(own, out var book) ? book : storefrontBook, byProvider);
    }

    public async Task<CatalogResults> SearchAsync(CatalogPricing pricing, CatalogQuery query, CancellationToken ct = default)
    {
        var visible = Visible(pricing);
        var vendors = await visible.GroupBy(p => new { p.VendorId, p.Vendor!.Name }).OrderBy(g => g.Key.Name)
            .Select(g => new VendorFacet(g.Key.VendorId, g.Key.Name)).ToListAsync(ct);
        var categories = await visible.Select(p => p.Category).Distinct().OrderBy(c => c).ToListAsync(ct);

        var matching = visible;
        if (SearchPattern.Contains(query.Search) is { } pattern)
            matching = matching.Where(p => EF.Functions.ILike(p.Name, pattern) || EF.Functions.ILike(p.Vendor!.Name, pattern) || EF.Functions.ILike(p.Category, pattern));
        if (query.VendorId is { } vendorId)
            matching = matching.Where(p => p.VendorId == vendorId);
        if (!string.IsNullOrWhiteSpace(query.Category))
            matching = matching.Where(p => p.Category == query.Category);

        // By name: PostgreSQL walks the name index and checks only the products it shows.
        var found = await matching.OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, VendorName = p.Vendor!.Name, p.VendorId, p.Category, p.ShortDescription, p.Kind, p.Provider })
            .ToPageAsync(new PageRequest(query.Page, PageSize), ct);

        var plans = await PurchasablePlans(pricing, found.Items.Select(p => p.Id).ToList()).ToListAsync(ct);
        var tiles = found.Items.Select(p =>
        {
            var book = pricing.BookFor(p.Provider);
            var cheapest = plans.Where(x => x.ProductId == p.Id && x.Currency == book.Currency)
                .Select(x => (Plan: x, Price: book.PriceOf(new PlanFacts(x.PlanId, p.Id, p.VendorId, p.Category, x.Cost, x.ListPrice)).Price))
                .OrderBy(x => x.Price / PlanTerms.MonthsPerCharge(x.Plan.Term, x.Plan.Billing)).ThenBy(x => x.Plan.Term).FirstOrDefault();
            return new ProductTile(p.Id, p.Name, p.VendorName, p.Category, p.ShortDescription, p.Kind,
                cheapest.Plan is null ? null : new FromPrice(cheapest.Price, book.Currency, cheapest.Plan.Term, cheapest.Plan.Billing, cheapest.Plan.Unit));
        }).ToList();
        return new CatalogResults(new Page<ProductTile>(tiles, found.Number, found.Size, found.TotalCount), vendors, categories);
    }

    /// <summary>A product with every plan it can be bought through; null when this storefront doesn't show it.</summary>
    public async Task<ProductDetails?> ProductAsync(CatalogPricing pricing, Guid productId, CancellationToken ct = default)
    {
        var product = await Visible(pricing).Where(p => p.Id == productId)
            .Select(p => new { p.Id, p.Name, VendorName = p.Vendor!.Name, p.VendorId, p.Category, p.ShortDescription, p.Description, p.Kind, p.Provider })
            .FirstOrDefaultAsync(ct);
        if (product is null)
            return null;
        var book = pricing.BookFor(product.Provider);
        var plans = (await PurchasablePlans(pricing, [productId]).ToListAsync(ct))
            .Where(x => x.Currency == book.Currency)
            .Select(x => new PricedPlan(x.PlanId, x.Sku, x.Name, x.Term, x.Billing, x.Unit,
                book.PriceOf(new PlanFacts(x.PlanId, product.Id, product.VendorId, product.Category, x.Cost, x.ListPrice)).Price))
            .OrderBy(p => p.Term).ThenBy(p => p.Billing).ThenBy(p => p.Price)
            .ToList();
        return new ProductDetails(product.Id, product.Name, product.VendorName, product.Category, product.ShortDescription, product.Description,
            product.Kind, product.Provider, book.Currency, plans);
    }

    /// <summary>Products of shown vendors, not hidden, not retired, with a plan for sale in the currency that prices them.</summary>
    private IQueryable<Product> Visible(CatalogPricing pricing)
    {
        var products = db.Set<Product>().AsNoTracking()
            .Where(p => p.RetiredAt == null
                && db.Set<StorefrontVendor>().Any(v => v.VendorId == p.VendorId)
                && !db.Set<HiddenProduct>().Any(h => h.ProductId == p.Id));
        if (pricing.IsSingleCurrency)
        {
            var currency = pricing.Default.Currency;
            return products.Where(p => p.Plans.Any(pl => pl.RetiredAt == null && pl.Prices.Any(x => x.Currency == currency)));
        }
        var pairs = pricing.ProviderCurrencies;
        return products.Where(p => p.Plans.Any(pl => pl.RetiredAt == null && pl.Prices.Any(x => pairs.Contains(p.Provider + ":" + x.Currency))));
    }

    private sealed record PlanRow(Guid PlanId, Guid ProductId, string Sku, string Name, Term Term, BillingFrequency Billing, string Unit, string Currency, decimal Cost, decimal ListPrice);

    private IQueryable<PlanRow> PurchasablePlans(CatalogPricing pricing, IReadOnlyCollection<Guid> productIds)
    {
        var currencies = pricing.Books.Select(b => b.Currency).Distinct().ToList();
        var prices = currencies.Count == 1
            ? db.Set<PlanPrice>().AsNoTracking().Where(x => x.Currency == currencies[0])
            : db.Set<PlanPrice>().AsNoTracking().Where(x => currencies.Contains(x.Currency));
        return prices.Join(db.Set<Plan>().Where(p => p.RetiredAt == null && productIds.Contains(p.ProductId)), x => x.PlanId, p => p.Id,
            (x, p) => new PlanRow(p.Id, p.ProductId, p.Sku, p.Name, p.Term, p.Billing, p.Unit, x.Currency, x.Cost, x.ListPrice));
    }
}
