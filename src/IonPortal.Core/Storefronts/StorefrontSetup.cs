using IonPortal.Core.Accounts;
using IonPortal.Core.Auditing;
using IonPortal.Core.Catalog;
using IonPortal.Core.Data;
using IonPortal.Core.Paging;
using IonPortal.Core.Pricing;
using IonPortal.Core.Tenancy;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Storefronts;

public sealed record VendorChoice(Guid VendorId, string Name, int ProductCount, bool Shown);

public sealed record ProductChoice(Guid ProductId, string Name, string Category, bool Retired, bool Shown);

/// <summary>The console side of a storefront: which price book prices it, which vendors and products it shows.</summary>
public sealed class StorefrontSetup(PortalDbContext db, TenantContext tenant, CurrentActor actor, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The settings, or the defaults (list prices in USD) when the reseller never changed them.</summary>
    public async Task<StorefrontSettings> SettingsAsync(CancellationToken ct = default) =>
        await db.Set<StorefrontSettings>().AsNoTracking().FirstOrDefaultAsync(ct)
        ?? new StorefrontSettings { ResellerId = tenant.RequiredResellerId };

    /// <summary>Prices the storefront with a price book, or with list prices in a currency when no book is given.</summary>
    public async Task<Outcome<StorefrontSettings>> SetPricingAsync(Guid? priceBookId, string? currency, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.ManageStorefront))
            return Outcome.Forbidden(Problems.MayNotChangeStorefront);
        PriceBook? book = null;
        if (priceBookId is { } id && (book = await db.Set<PriceBook>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct)) is null)
            return Outcome.Invalid("PriceBookId", Problems.BookMissing);
        if (book is null && !Currencies.IsSupported(currency))
            return Outcome.Invalid("Currency", Problems.CurrencyUnsupported);

        var settings = await db.Set<StorefrontSettings>().FirstOrDefaultAsync(ct);
        var before = settings is null ? null : new { settings.PriceBookId, settings.Currency };
        if (settings is null)
        {
            settings = new StorefrontSettings { ResellerId = tenant.RequiredResellerId };
            db.Add(settings);
        }
        settings.PriceBookId = book?.Id;
        settings.Currency = book?.Currency ?? currency!;
        settings.UpdatedAt = clock.GetUtcNow();
        audit.Record(AuditActions.Storefront.PricingChanged, AuditActions.Storefront.Type, settings.ResellerId, before, new { settings.PriceBookId, PriceBook = book?.Name, settings.Currency });
        await db.SaveChangesAsync(ct);
        return settings;
    }

    public async Task<IReadOnlyList<VendorChoice>> VendorsAsync(CancellationToken ct = default)
    {
        var shown = db.Set<StorefrontVendor>();
        return await db.Set<Vendor>().AsNoTracking().OrderBy(v => v.Name)
            .Select(v => new VendorChoice(v.Id, v.Name,
                db.Set<Product>().Count(p => p.VendorId == v.Id && p.RetiredAt == null),
                shown.Any(s => s.VendorId == v.Id)))
            .ToListAsync(ct);
    }

    /// <summary>Shows exactly these vendors' products on the storefront.</summary>
    public async Task<Outcome> SetVendorsAsync(IReadOnlyCollection<Guid> vendorIds, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.ManageStorefront))
            return Outcome.Forbidden(Problems.MayNotChangeStorefront);
        var current = await db.Set<StorefrontVendor>().ToListAsync(ct);
        var known = await db.Set<Vendor>().Where(v => vendorIds.Contains(v.Id)).Select(v => v.Id).ToListAsync(ct);
        var before = current.Select(v => v.VendorId).Order().ToList();
        db.RemoveRange(current.Where(v => !known.Contains(v.VendorId)));
        db.AddRange(known.Where(id => current.All(v => v.VendorId != id))
            .Select(id => new StorefrontVendor { ResellerId = tenant.RequiredResellerId, VendorId = id }));
        if (db.ChangeTracker.HasChanges())
        {
            audit.Record(AuditActions.Storefront.VendorsChanged, AuditActions.Storefront.Type, tenant.RequiredResellerId,
                new { Vendors = await VendorNamesAsync(before, ct) }, new { Vendors = await VendorNamesAsync(known.Order().ToList(), ct) });
            await db.SaveChangesAsync(ct);
        }
        return Outcome.Done();
    }

    /// <summary>A vendor's products with whether each shows; null when the vendor doesn't exist.</summary>
    public async Task<Page<ProductChoice>?> ProductsOfVendorAsync(Guid vendorId, string? search, PageRequest page, CancellationToken ct = default)
    {
        if (!await db.Set<Vendor>().AnyAsync(v => v.Id == vendorId, ct))
            return null;
        var products = db.Set<Product>().AsNoTracking().Where(p => p.VendorId == vendorId);
        if (SearchPattern.Contains(search) is { } pattern)
            products = products.Where(p => EF.Functions.ILike(p.Name, pattern) || EF.Functions.ILike(p.Category, pattern));
        var hidden = db.Set<HiddenProduct>();
        return await products.OrderBy(p => p.Name)
            .Select(p => new ProductChoice(p.Id, p.Name, p.Category, p.RetiredAt != null, !hidden.Any(h => h.ProductId == p.Id)))
            .ToPageAsync(page, ct);
    }

    /// <summary>Shows or hides one product.</summary>
    public async Task<Outcome> SetProductShownAsync(Guid productId, bool shown, CancellationToken ct = default)
    {
        var product = await db.Set<Product>().AsNoTracking().Where(p => p.Id == productId).Select(p => new { p.Id, p.Name }).FirstOrDefaultAsync(ct);
        if (product is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.ManageStorefront))
            return Outcome.Forbidden(Problems.MayNotChangeStorefront);
        var hidden = await db.Set<HiddenProduct>().FirstOrDefaultAsync(h => h.ProductId == productId, ct);
        if (shown && hidden is not null)
            db.Remove(hidden);
        else if (!shown && hidden is null)
            db.Add(new HiddenProduct { ResellerId = tenant.RequiredResellerId, ProductId = productId });
        else
            return Outcome.Done();
        audit.Record(shown ? AuditActions.Storefront.ProductShown : AuditActions.Storefront.ProductHidden, AuditActions.Storefront.Type, tenant.RequiredResellerId, null, new { Product = product.Name });
        await db.SaveChangesAsync(ct);
        return Outcome.Done();
    }

    private Task<List<string>> VendorNamesAsync(List<Guid> ids, CancellationToken ct) =>
        db.Set<Vendor>().Where(v => ids.Contains(v.Id)).OrderBy(v => v.Name).Select(v => v.Name).ToListAsync(ct);
}
