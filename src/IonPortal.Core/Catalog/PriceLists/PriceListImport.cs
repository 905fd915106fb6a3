using IonPortal.Core.Accounts;
using IonPortal.Core.Auditing;
using IonPortal.Core.Data;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Catalog.PriceLists;

public enum PriceListChangeKind
{
    ProductAdded,
    ProductRenamed,
    ProductRetired,
    ProductRestored,
    PlanAdded,
    PlanChanged,
    PriceChanged,
    PlanRetired,
    PlanRestored,
}

/// <summary>One change the price list makes to the catalog, as the preview lists it.</summary>
public sealed record PriceListChange(PriceListChangeKind Kind, string Product, string? Plan = null, string? Sku = null,
    decimal? CostBefore = null, decimal? CostAfter = null, decimal? ListBefore = null, decimal? ListAfter = null);

/// <summary>What importing a price list does: every change, how many of each, and the rows it leaves out (other segments, higher price tiers).</summary>
public sealed record PriceListChanges(string Currency, int Rows, int RowsLeftOut, IReadOnlyList<PriceListChange> Changes)
{
    public int Count(PriceListChangeKind kind) => Changes.Count(c => c.Kind == kind);

    public bool ChangesNothing => Changes.Count == 0;
}

/// <summary>
/// Partner Center's new-commerce license-based price list into the catalog (operators): products
/// by Partner Center's ProductId, plans by product, SKU, term and billing plan, with cost and list
/// price per charge in the file's currency (a term's price divided over its charges). What left the
/// list is retired, what came back restored. A preview shows every change before it is applied,
/// and the same file twice changes nothing.
/// </summary>
public sealed class PriceListImport(PortalDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock)
{
    public const string Vendor = "Microsoft";
    public const string Segment = "Commercial";
    private const int ProgressEvery = 250;

    /// <summary>What the file would change, without changing anything.</summary>
    public async Task<Outcome<PriceListChanges>> PreviewAsync(PriceListFile file, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.EditCatalog))
            return Outcome.Forbidden(Problems.MayNotChangeCatalog);
        if (Refusal(file) is { } refused)
            return refused;
        var changes = await PlanAsync(file, apply: false, null, ct);
        return changes;
    }

    /// <summary>Applies the file in one transaction, reporting how many plans it has gone through.</summary>
    public async Task<Outcome<PriceListChanges>> ApplyAsync(PriceListFile file, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.EditCatalog))
            return Outcome.Forbidden(Problems.MayNotChangeCatalog);
        if (Refusal(file) is { } refused)
            return refused;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changes = await PlanAsync(file, apply: true, progress, ct);
        if (!changes.ChangesNothing)
        {
            audit.Record(AuditActions.Product.PriceListImported, AuditActions.Product.Type, Guid.Empty, null, new
            {
                changes.Currency, changes.Rows, changes.RowsLeftOut,
                Counts = Enum.GetValues<PriceListChangeKind>().ToDictionary(k => k.ToString(), changes.Count),
            });
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return changes;
    }

    private static Failure? Refusal(PriceListFile file)
    {
        if (file.Errors.Count > 0)
            return Outcome.Invalid("File", file.Errors[0].Problem);
        return file.Rows.Any(r => r.Segment == Segment) ? null : Outcome.Invalid("File", Problems.PriceListNoCommercialRows);
    }

    // Works out the changes; with apply, makes them on tracked entities and saves.
    private async Task<PriceListChanges> PlanAsync(PriceListFile file, bool apply, IProgress<int>? progress, CancellationToken ct)
    {
        var currency = file.Currency!;
        var now = clock.GetUtcNow();
        // The lowest price tier of each plan, Commercial only.
        var rows = file.Rows.Where(r => r.Segment == Segment).GroupBy(r => r.PlanSku).Select(g => g.MinBy(r => r.TierMin)!).ToList();
        var changes = new List<PriceListChange>();

        var vendor = await db.Set<Vendor>().FirstOrDefaultAsync(v => v.Name == Vendor, ct);
        if (vendor is null)
        {
            vendor = new Vendor { Id = Guid.CreateVersion7(now), Name = Vendor, CreatedAt = now };
            if (apply)
                db.Add(vendor);
        }
        var products = apply
            ? await db.Set<Product>().Where(p => p.VendorId == vendor.Id).Include(p => p.Plans).ThenInclude(p => p.Prices).ToListAsync(ct)
            : await db.Set<Product>().AsNoTracking().Where(p => p.VendorId == vendor.Id).Include(p => p.Plans).ThenInclude(p => p.Prices).ToListAsync(ct);
        var byExternalId = products.Where(p => p.ExternalId is not null).ToDictionary(p => p.ExternalId!);

        var done = 0;
        foreach (var group in rows.GroupBy(r => r.ProductId))
        {
            var first = group.First();
            var product = byExternalId.GetValueOrDefault(group.Key)
                // A product made by hand under the same name becomes the listed one.
                ?? products.FirstOrDefault(p => p.ExternalId is null && string.Equals(p.Name, first.ProductTitle, StringComparison.OrdinalIgnoreCase));
            if (product is null)
            {
                product = new Product
                {
                    Id = Guid.CreateVersion7(now), VendorId = vendor.Id, ExternalId = group.Key, Name = Trim(first.ProductTitle, 120), Category = CategoryOf(first.ProductTitle),
                    ShortDescription = Trim(first.SkuDescription, 300), Description = Trim(first.SkuDescription, 4000), Kind = ProductKind.SeatLicence,
                    Provider = "microsoft", CreatedAt = now,
                };
                changes.Add(new(PriceListChangeKind.ProductAdded, product.Name));
                if (apply)
                    db.Add(product);
                products.Add(product);
            }
            else
            {
                if (product.Name != Trim(first.ProductTitle, 120))
                {
                    changes.Add(new(PriceListChangeKind.ProductRenamed, Trim(first.ProductTitle, 120), product.Name));
                    product.Name = Trim(first.ProductTitle, 120);
                }
                if (product.RetiredAt is not null)
                {
                    changes.Add(new(PriceListChangeKind.ProductRestored, product.Name));
                    product.RetiredAt = null;
                }
                product.ExternalId = group.Key;
            }

            foreach (var row in group)
            {
                var (cost, list) = (PerCharge(row.UnitPrice, row), PerCharge(row.ErpPrice, row));
                var plan = product.Plans.FirstOrDefault(p => p.Sku == row.PlanSku);
                if (plan is null)
                {
                    plan = new Plan
                    {
                        Id = Guid.CreateVersion7(now), ProductId = product.Id, Sku = row.PlanSku, Name = Trim(row.SkuTitle, 120), Term = row.Term, Billing = row.Billing,
                        Unit = UnitOf(row.UnitOfMeasure), CreatedAt = now,
                    };
                    plan.Prices.Add(new PlanPrice { PlanId = plan.Id, Currency = currency, Cost = cost, ListPrice = list });
                    changes.Add(new(PriceListChangeKind.PlanAdded, product.Name, plan.Name, plan.Sku, null, cost, null, list));
                    product.Plans.Add(plan);
                    if (apply)
                        db.Add(plan);
                }
                else
                {
                    if (plan.RetiredAt is not null)
                    {
                        changes.Add(new(PriceListChangeKind.PlanRestored, product.Name, plan.Name, plan.Sku));
                        plan.RetiredAt = null;
                    }
                    if (plan.Name != Trim(row.SkuTitle, 120) || plan.Unit != UnitOf(row.UnitOfMeasure))
                    {
                        changes.Add(new(PriceListChangeKind.PlanChanged, product.Name, Trim(row.SkuTitle, 120), plan.Sku));
                        (plan.Name, plan.Unit) = (Trim(row.SkuTitle, 120), UnitOf(row.UnitOfMeasure));
                    }
                    var price = plan.Prices.FirstOrDefault(p => p.Currency == currency);
                    if (price is null)
                    {
                        price = new PlanPrice { PlanId = plan.Id, Currency = currency, Cost = cost, ListPrice = list };
                        plan.Prices.Add(price);
                        if (apply)
                            db.Add(price);
                        changes.Add(new(PriceListChangeKind.PriceChanged, product.Name, plan.Name, plan.Sku, null, cost, null, list));
                    }
                    else if (price.Cost != cost || price.ListPrice != list)
                    {
                        changes.Add(new(PriceListChangeKind.PriceChanged, product.Name, plan.Name, plan.Sku, price.Cost, cost, price.ListPrice, list));
                        (price.Cost, price.ListPrice) = (cost, list);
                    }
                }
                if (++done % ProgressEvery == 0)
                    progress?.Report(done);
            }

            // This product's plans that left the list.
            var listed = group.Select(r => r.PlanSku).ToHashSet();
            foreach (var gone in product.Plans.Where(p => p.RetiredAt is null && !listed.Contains(p.Sku)))
            {
                changes.Add(new(PriceListChangeKind.PlanRetired, product.Name, gone.Name, gone.Sku));
                gone.RetiredAt = now;
            }
        }

        // Listed products that left the list altogether.
        var inFile = rows.Select(r => r.ProductId).ToHashSet();
        foreach (var gone in products.Where(p => p.ExternalId is not null && !inFile.Contains(p.ExternalId) && p.RetiredAt is null))
        {
            changes.Add(new(PriceListChangeKind.ProductRetired, gone.Name));
            gone.RetiredAt = now;
            foreach (var plan in gone.Plans.Where(p => p.RetiredAt is null))
                plan.RetiredAt = now;
        }

        if (apply)
            await db.SaveChangesAsync(ct);
        progress?.Report(rows.Count);
        return new PriceListChanges(currency, file.Rows.Count, file.Rows.Count - rows.Count, changes);
    }

    /// <summary>A term's price per charge: a year billed monthly is charged a twelfth of it each month.</summary>
    public static decimal PerCharge(decimal termPrice, PriceListRow row)
    {
        var charges = row.Term.Months() / PlanTerms.MonthsPerCharge(row.Term, row.Billing);
        return Math.Round(termPrice / Math.Max(1, charges), 2, MidpointRounding.AwayFromZero);
    }

    private static string UnitOf(string unitOfMeasure) =>
        unitOfMeasure.Length == 0 || unitOfMeasure.Contains("licen", StringComparison.OrdinalIgnoreCase) || unitOfMeasure.All(char.IsAsciiDigit)
            ? "licence"
            : Trim(unitOfMeasure.ToLowerInvariant(), 40);

    // A first grouping from the title; price books and the catalog editor can change it.
    private static string CategoryOf(string title) => title switch
    {
        _ when Has(title, "Defender", "Sentinel", "Entra", "Intune", "Purview", "Security") => "Security",
        _ when Has(title, "Dynamics", "Power ") => "Business applications",
        _ when Has(title, "Windows") => "Windows",
        _ when Has(title, "Azure") => "Azure",
        _ => "Productivity",
    };

    private static bool Has(string text, params string[] words) => words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..max];
}
