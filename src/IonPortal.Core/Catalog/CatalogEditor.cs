using IonPortal.Core.Accounts;
using IonPortal.Core.Auditing;
using IonPortal.Core.Data;
using IonPortal.Core.Paging;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IonPortal.Core.Catalog;

public sealed record VendorSummary(Guid Id, string Name, string? Website, int ProductCount);

public sealed record ProductSummary(Guid Id, string Name, string VendorName, string Category, ProductKind Kind, string Provider, int PlanCount, bool Retired);

public sealed record ProductDraft(Guid? VendorId, string? Name, string? Category, string? ShortDescription, string? Description, ProductKind Kind, string? Provider);

/// <summary>One currency's prices in a plan form; both empty means "not sold in this currency".</summary>
public sealed record PriceDraft(string Currency, decimal? Cost, decimal? ListPrice);

public sealed record PlanDraft(string? Sku, string? Name, Term Term, BillingFrequency Billing, string? Unit, IReadOnlyList<PriceDraft> Prices);

/// <summary>
/// The platform catalog, kept by operators: vendors, products and their plans with cost and list
/// price per currency. Nothing is deleted: retiring keeps existing subscriptions working and
/// stops new sales. Every change is audited.
/// </summary>
public sealed class CatalogEditor(PortalDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock)
{
    public Task<List<VendorSummary>> VendorsAsync(CancellationToken ct = default) =>
        db.Set<Vendor>().AsNoTracking().OrderBy(v => v.Name)
            .Select(v => new VendorSummary(v.Id, v.Name, v.Website, db.Set<Product>().Count(p => p.VendorId == v.Id)))
            .ToListAsync(ct);

    /// <summary>The vendors, searched by name and paged in the database (the operators' list).</summary>
    public Task<Page<VendorSummary>> VendorsAsync(string? search, PageRequest page, CancellationToken ct = default)
    {
        var vendors = db.Set<Vendor>().AsNoTracking();
        if (SearchPattern.Contains(search) is { } pattern)
            vendors = vendors.Where(v => EF.Functions.ILike(v.Name, pattern));
        return (page.Descending ? vendors.OrderByDescending(v => v.Name) : vendors.OrderBy(v => v.Name))
            .Select(v => new VendorSummary(v.Id, v.Name, v.Website, db.Set<Product>().Count(p => p.VendorId == v.Id)))
            .ToPageAsync(page, ct);
    }

    public Task<Vendor?> FindVendorAsync(Guid id, CancellationToken ct = default) =>
        db.Set<Vendor>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);

    public Task<List<string>> CategoriesAsync(CancellationToken ct = default) =>
        db.Set<Product>().Select(p => p.Category).Distinct().OrderBy(c => c).ToListAsync(ct);

    public async Task<Outcome<Vendor>> SaveVendorAsync(Guid? id, string? name, string? website, CancellationToken ct = default)
    {
        var vendor = id is { } existing ? await db.Set<Vendor>().FirstOrDefaultAsync(v => v.Id == existing, ct) : null;
        if (id is not null && vendor is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.EditCatalog))
            return Outcome.Forbidden(Problems.MayNotChangeCatalog);
        var trimmed = name?.Trim() ?? "";
        var errors = new FieldErrors();
        if (trimmed.Length == 0)
            errors.Add("Name", Problems.NameRequired);
        else if (trimmed.Length > 80)
            errors.Add("Name", Problems.TooLong(120));
        else if (await db.Set<Vendor>().AnyAsync(v => v.Name == trimmed && v.Id != id, ct))
            errors.Add("Name", Problems.VendorTaken);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);

        var before = vendor is null ? null : new { vendor.Name, vendor.Website };
        var now = clock.GetUtcNow();
        vendor ??= db.Add(new Vendor { Id = Guid.CreateVersion7(now), CreatedAt = now }).Entity;
        vendor.Name = trimmed;
        vendor.Website = string.IsNullOrWhiteSpace(website) ? null : website.Trim();
        audit.Record(before is null ? AuditActions.Vendor.Created : AuditActions.Vendor.Updated, AuditActions.Vendor.Type, vendor.Id, before, new { vendor.Name, vendor.Website });
        await db.SaveChangesAsync(ct);
        return vendor;
    }

    public async Task<Page<ProductSummary>> ProductsAsync(string? search, Guid? vendorId, string? category, bool includeRetired, PageRequest page, CancellationToken ct = default)
    {
        var products = db.Set<Product>().AsNoTracking();
        if (!includeRetired)
            products = products.Where(p => p.RetiredAt == null);
        if (vendorId is { } v)
            products = products.Where(p => p.VendorId == v);
        if (!string.IsNullOrWhiteSpace(category))
            products = products.Where(p => p.Category == category);
        if (SearchPattern.Contains(search) is { } pattern)
            products = products.Where(p => EF.Functions.ILike(p.Name, pattern) || EF.Functions.ILike(p.Vendor!.Name, pattern)
                || p.Plans.Any(pl => EF.Functions.ILike(pl.Sku, pattern)));
        products = (page.Sort, page.Descending) switch
        {
            ("vendor", false) => products.OrderBy(p => p.Vendor!.Name).ThenBy(p => p.Name),
            ("vendor", true) => products.OrderByDescending(p => p.Vendor!.Name).ThenBy(p => p.Name),
            ("category", false) => products.OrderBy(p => p.Category).ThenBy(p => p.Name),
            ("category", true) => products.OrderByDescending(p => p.Category).ThenBy(p => p.Name),
            (_, true) => products.OrderByDescending(p => p.Name),
            _ => products.OrderBy(p => p.Name),
        };
        return await products
            .Select(p => new ProductSummary(p.Id, p.Name, p.Vendor!.Name, p.Category, p.Kind, p.Provider, p.Plans.Count, p.RetiredAt != null))
            .ToPageAsync(page, ct);
    }

    /// <summary>A product with its vendor, plans and prices.</summary>
    public Task<Product?> FindProductAsync(Guid id, CancellationToken ct = default) =>
        db.Set<Product>().AsNoTracking().Include(p => p.Vendor).Include(p => p.Plans.OrderBy(pl => pl.Term).ThenBy(pl => pl.Billing)).ThenInclude(pl => pl.Prices)
            .AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct);

    public async Task<Outcome<Product>> SaveProductAsync(Guid? id, ProductDraft draft, CancellationToken ct = default)
    {
        var product = id is { } existing ? await db.Set<Product>().FirstOrDefaultAsync(p => p.Id == existing, ct) : null;
        if (id is not null && product is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.EditCatalog))
            return Outcome.Forbidden(Problems.MayNotChangeCatalog);
        var errors = new FieldErrors();
        var name = draft.Name?.Trim() ?? "";
        if (draft.VendorId is not { } vendorId || !await db.Set<Vendor>().AnyAsync(v => v.Id == vendorId, ct))
            errors.Add("VendorId", Problems.VendorMissing);
        if (name.Length == 0)
            errors.Add("Name", Problems.NameRequired);
        else if (name.Length > 120)
            errors.Add("Name", Problems.TooLong(120));
        else if (await db.Set<Product>().AnyAsync(p => p.VendorId == draft.VendorId && p.Name == name && p.Id != id, ct))
            errors.Add("Name", Problems.ProductTaken);
        if (string.IsNullOrWhiteSpace(draft.Category))
            errors.Add("Category", Problems.CategoryRequired);
        if (!CloudProviders.IsKnown(draft.Provider))
            errors.Add("Provider", Problems.ProviderMissing);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);

        var before = product is null ? null : ProductSnapshot(product);
        var now = clock.GetUtcNow();
        product ??= db.Add(new Product { Id = Guid.CreateVersion7(now), CreatedAt = now }).Entity;
        product.VendorId = draft.VendorId!.Value;
        product.Name = name;
        product.Category = draft.Category!.Trim();
        product.ShortDescription = draft.ShortDescription?.Trim() ?? "";
        product.Description = draft.Description?.Trim() ?? "";
        product.Kind = draft.Kind;
        product.Provider = draft.Provider!;
        audit.Record(before is null ? AuditActions.Product.Created : AuditActions.Product.Updated, AuditActions.Product.Type, product.Id, before, ProductSnapshot(product));
        await db.SaveChangesAsync(ct);
        return product;
    }

    /// <summary>Retires a product (no new sales) or brings it back.</summary>
    public async Task<Outcome> SetProductRetiredAsync(Guid id, bool retired, CancellationToken ct = default)
    {
        var product = await db.Set<Product>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.EditCatalog))
            return Outcome.Forbidden(Problems.MayNotChangeCatalog);
        if (product.RetiredAt is not null != retired)
        {
            product.RetiredAt = retired ? clock.GetUtcNow() : null;
            audit.Record(retired ? AuditActions.Product.Retired : AuditActions.Product.Restored, AuditActions.Product.Type, id, null, new { product.Name });
            await db.SaveChangesAsync(ct);
        }
        return Outcome.Done();
    }

    /// <summary>A plan with its product, prices and the plans it may change to.</summary>
    public async Task<(Plan Plan, List<Guid> UpgradeTo)?> FindPlanAsync(Guid id, CancellationToken ct = default)
    {
        var plan = await db.Set<Plan>().AsNoTracking().Include(p => p.Product!).ThenInclude(p => p.Vendor).Include(p => p.Prices)
            .FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
            return null;
        var upgrades = await db.Set<PlanUpgrade>().Where(u => u.FromPlanId == id).Select(u => u.ToPlanId).ToListAsync(ct);
        return (plan, upgrades);
    }

    /// <summary>The plans a plan could change to: the vendor's other plans that are still sold.</summary>
    public Task<List<Plan>> UpgradeCandidatesAsync(Plan plan, CancellationToken ct = default) =>
        db.Set<Plan>().AsNoTracking().Include(p => p.Product)
            .Where(p => p.Id != plan.Id && p.Product!.VendorId == plan.Product!.VendorId && p.RetiredAt == null && p.Product.RetiredAt == null)
            .OrderBy(p => p.Product!.Name).ThenBy(p => p.Sku)
            .ToListAsync(ct);

    public async Task<Outcome<Plan>> SavePlanAsync(Guid productId, Guid? planId, PlanDraft draft, CancellationToken ct = default)
    {
        var plan = planId is { } existing ? await db.Set<Plan>().Include(p => p.Prices).FirstOrDefaultAsync(p => p.Id == existing && p.ProductId == productId, ct) : null;
        if (planId is not null && plan is null || !await db.Set<Product>().AnyAsync(p => p.Id == productId, ct))
            return Outcome.NotFound;
        if (!actor.May(PortalAction.EditCatalog))
            return Outcome.Forbidden(Problems.MayNotChangeCatalog);

        var errors = new FieldErrors();
        var sku = draft.Sku?.Trim().ToUpperInvariant() ?? "";
        if (sku.Length is < 2 or > 40 || !sku.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
            errors.Add("Sku", Problems.SkuInvalid);
        else if (await db.Set<Plan>().AnyAsync(p => p.Sku == sku && p.Id != planId, ct))
            errors.Add("Sku", Problems.SkuTaken);
        var name = draft.Name?.Trim() ?? "";
        if (name.Length == 0)
            errors.Add("Name", Problems.NameRequired);
        else if (name.Length > 120)
            errors.Add("Name", Problems.TooLong(120));
        if (string.IsNullOrWhiteSpace(draft.Unit))
            errors.Add("Unit", Problems.UnitRequired);
        var prices = draft.Prices.Where(p => Currencies.IsSupported(p.Currency)).ToList();
        foreach (var price in prices)
        {
            if (price.Cost is null != price.ListPrice is null)
                errors.Add($"Prices.{price.Currency}", Problems.PriceIncomplete);
            else if (price.Cost < 0 || price.ListPrice < 0)
                errors.Add($"Prices.{price.Currency}", Problems.PriceNegative);
        }
        if (!prices.Any(p => p.Cost is not null && p.ListPrice is not null))
            errors.Add("Prices", Problems.PricesRequired);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);

        var before = plan is null ? null : PlanSnapshot(plan);
        var now = clock.GetUtcNow();
        plan ??= db.Add(new Plan { Id = Guid.CreateVersion7(now), ProductId = productId, CreatedAt = now }).Entity;
        plan.Sku = sku;
        plan.Name = name;
        plan.Term = draft.Term;
        plan.Billing = draft.Billing;
        plan.Unit = draft.Unit!.Trim();
        foreach (var price in prices)
        {
            var current = plan.Prices.FirstOrDefault(p => p.Currency == price.Currency);
            if (price.Cost is { } cost && price.ListPrice is { } list)
            {
                if (current is null)
                    plan.Prices.Add(current = new PlanPrice { PlanId = plan.Id, Currency = price.Currency });
                current.Cost = Pricing.Money.Round(cost);
                current.ListPrice = Pricing.Money.Round(list);
            }
            else if (current is not null)
            {
                plan.Prices.Remove(current);
                db.Remove(current);
            }
        }
        audit.Record(before is null ? AuditActions.Plan.Created : AuditActions.Plan.Updated, AuditActions.Plan.Type, plan.Id, before, PlanSnapshot(plan));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return Outcome.Invalid("Sku", Problems.SkuTaken);
        }
        return plan;
    }

    public async Task<Outcome> SetPlanRetiredAsync(Guid id, bool retired, CancellationToken ct = default)
    {
        var plan = await db.Set<Plan>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.EditCatalog))
            return Outcome.Forbidden(Problems.MayNotChangeCatalog);
        if (plan.RetiredAt is not null != retired)
        {
            plan.RetiredAt = retired ? clock.GetUtcNow() : null;
            audit.Record(retired ? AuditActions.Plan.Retired : AuditActions.Plan.Restored, AuditActions.Plan.Type, id, null, new { plan.Sku });
            await db.SaveChangesAsync(ct);
        }
        return Outcome.Done();
    }

    /// <summary>Sets the plans an existing subscription on this plan may change to.</summary>
    public async Task<Outcome> SetUpgradesAsync(Guid planId, IReadOnlyCollection<Guid> targets, CancellationToken ct = default)
    {
        var found = await FindPlanAsync(planId, ct);
        if (found is not { } current)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.EditCatalog))
            return Outcome.Forbidden(Problems.MayNotChangeCatalog);
        var allowed = (await UpgradeCandidatesAsync(current.Plan, ct)).Select(p => p.Id).ToHashSet();
        if (targets.Any(t => !allowed.Contains(t) && !current.UpgradeTo.Contains(t)))
            return Outcome.Invalid("Upgrades", Problems.UpgradeOutsideVendor);

        var existing = await db.Set<PlanUpgrade>().Where(u => u.FromPlanId == planId).ToListAsync(ct);
        db.RemoveRange(existing.Where(u => !targets.Contains(u.ToPlanId)));
        db.AddRange(targets.Where(t => existing.All(u => u.ToPlanId != t)).Select(t => new PlanUpgrade { FromPlanId = planId, ToPlanId = t }));
        if (db.ChangeTracker.HasChanges())
        {
            var skus = await db.Set<Plan>().Where(p => targets.Contains(p.Id)).OrderBy(p => p.Sku).Select(p => p.Sku).ToListAsync(ct);
            var beforeSkus = await db.Set<Plan>().Where(p => current.UpgradeTo.Contains(p.Id)).OrderBy(p => p.Sku).Select(p => p.Sku).ToListAsync(ct);
            audit.Record(AuditActions.Plan.UpgradesSet, AuditActions.Plan.Type, planId, new { UpgradeTo = beforeSkus }, new { UpgradeTo = skus });
            await db.SaveChangesAsync(ct);
        }
        return Outcome.Done();
    }

    private static object ProductSnapshot(Product p) =>
        new { p.Name, p.Category, Kind = p.Kind.ToString(), p.Provider, p.ShortDescription };

    private static object PlanSnapshot(Plan p) =>
        new { p.Sku, p.Name, Term = p.Term.ToString(), Billing = p.Billing.ToString(), p.Unit, Prices = string.Join("; ", p.Prices.OrderBy(x => x.Currency).Select(x => $"{x.Currency} {x.Cost}/{x.ListPrice}")) };
}
