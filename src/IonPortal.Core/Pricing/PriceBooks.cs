using IonPortal.Core.Accounts;
using IonPortal.Core.Auditing;
using IonPortal.Core.Catalog;
using IonPortal.Core.Data;
using IonPortal.Core.Paging;
using IonPortal.Core.Storefronts;
using IonPortal.Core.Tenancy;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IonPortal.Core.Pricing;

public sealed record PriceBookSummary(Guid Id, string Name, string Currency, PriceBasis Basis, decimal DefaultAdjustmentPercent, int RuleCount, bool PricesStorefront, DateTimeOffset UpdatedAt);

/// <summary>A rule to set: its target (by scope) and either a percentage or, for a plan, a fixed price.</summary>
public sealed record RuleDraft(RuleScope Scope, Guid? VendorId = null, string? Category = null, Guid? ProductId = null, Guid? PlanId = null, decimal? AdjustmentPercent = null, decimal? FixedPrice = null);

/// <summary>A row of a book's preview: a plan, and its price under the book (none when it isn't sold in the book's currency).</summary>
/// <summary>A rule with its target named (vendor, category, product or plan SKU).</summary>
public sealed record RuleView(PriceRule Rule, string Target);

public sealed record PreviewRow(Guid PlanId, Guid ProductId, Guid VendorId, string VendorName, string ProductName, string Category, string Sku, string PlanName,
    Term Term, BillingFrequency Billing, string Unit, bool Retired, PlanQuote? Quote);

/// <summary>
/// A reseller's price books: each starts as a copy of a master (list price or cost) in one
/// currency; rules override it. Every change is audited with its before and after.
/// </summary>
public sealed class PriceBooks(PortalDbContext db, TenantContext tenant, CurrentActor actor, AuditTrail audit, TimeProvider clock)
{
    private IQueryable<PriceBook> Books => db.Set<PriceBook>();

    public static readonly IReadOnlyList<string> SortableColumns = ["name", "currency", "updated"];

    /// <summary>The reseller's books, searched by name and sorted in the database.</summary>
    public async Task<Page<PriceBookSummary>> ListAsync(string? search, PageRequest page, CancellationToken ct = default)
    {
        var storefrontBook = await db.Set<StorefrontSettings>().Select(s => s.PriceBookId).FirstOrDefaultAsync(ct);
        var books = Books.AsNoTracking();
        if (SearchPattern.Contains(search) is { } pattern)
            books = books.Where(b => EF.Functions.ILike(b.Name, pattern));
        books = (page.Sort, page.Descending) switch
        {
            ("currency", false) => books.OrderBy(b => b.Currency).ThenBy(b => b.Name),
            ("currency", true) => books.OrderByDescending(b => b.Currency).ThenBy(b => b.Name),
            ("updated", false) => books.OrderBy(b => b.UpdatedAt),
            ("updated", true) => books.OrderByDescending(b => b.UpdatedAt),
            (_, true) => books.OrderByDescending(b => b.Name),
            _ => books.OrderBy(b => b.Name),
        };
        return await books
            .Select(b => new PriceBookSummary(b.Id, b.Name, b.Currency, b.Basis, b.DefaultAdjustmentPercent, b.Rules.Count, b.Id == storefrontBook, b.UpdatedAt))
            .ToPageAsync(page, ct);
    }

    /// <summary>Every custom book, for pickers (a reseller has a handful).</summary>
    public Task<List<PriceBook>> AllAsync(CancellationToken ct = default) =>
        Books.AsNoTracking().OrderBy(b => b.Name).ToListAsync(ct);

    /// <summary>A book with its rules; null when it isn't the current reseller's.</summary>
    public Task<PriceBook?> FindAsync(Guid id, CancellationToken ct = default) =>
        Books.AsNoTracking().Include(b => b.Rules).FirstOrDefaultAsync(b => b.Id == id, ct);

    /// <summary>A new book as a copy of a master: its basis and currency, with a default markup or discount.</summary>
    public async Task<Outcome<PriceBook>> CreateAsync(string? name, PriceBasis basis, string? currency, decimal defaultPercent, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.ManagePricing))
            return Outcome.Forbidden(Problems.MayNotChangePriceBooks);
        var errors = new FieldErrors();
        await CheckNameAsync(errors, name, null, ct);
        if (!Currencies.IsSupported(currency))
            errors.Add("Currency", Problems.CurrencyUnsupported);
        if (!IsValidPercent(defaultPercent))
            errors.Add("DefaultAdjustmentPercent", Problems.AdjustmentOutOfRange);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);

        var now = clock.GetUtcNow();
        var book = new PriceBook
        {
            Id = Guid.CreateVersion7(now), ResellerId = tenant.RequiredResellerId, Name = name!.Trim(), Currency = currency!,
            Basis = basis, DefaultAdjustmentPercent = defaultPercent, CreatedAt = now, UpdatedAt = now,
        };
        db.Add(book);
        audit.Record(AuditActions.PriceBook.Created, AuditActions.PriceBook.Type, book.Id, null, Snapshot(book));
        await db.SaveChangesAsync(ct);
        return book;
    }

    public async Task<Outcome<PriceBook>> UpdateAsync(Guid id, string? name, decimal defaultPercent, CancellationToken ct = default)
    {
        var book = await Books.FirstOrDefaultAsync(b => b.Id == id, ct);
        if (book is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.ManagePricing))
            return Outcome.Forbidden(Problems.MayNotChangePriceBooks);
        var errors = new FieldErrors();
        await CheckNameAsync(errors, name, id, ct);
        if (!IsValidPercent(defaultPercent))
            errors.Add("DefaultAdjustmentPercent", Problems.AdjustmentOutOfRange);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);

        var before = Snapshot(book);
        book.Name = name!.Trim();
        book.DefaultAdjustmentPercent = defaultPercent;
        book.UpdatedAt = clock.GetUtcNow();
        audit.Record(AuditActions.PriceBook.Updated, AuditActions.PriceBook.Type, book.Id, before, Snapshot(book));
        await db.SaveChangesAsync(ct);
        return book;
    }

    public async Task<Outcome> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        var book = await Books.Include(b => b.Rules).FirstOrDefaultAsync(b => b.Id == id, ct);
        if (book is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.ManagePricing))
            return Outcome.Forbidden(Problems.MayNotChangePriceBooks);
        audit.Record(AuditActions.PriceBook.Deleted, AuditActions.PriceBook.Type, book.Id, Snapshot(book), null);
        db.Remove(book);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } used)
        {
            // Whatever is still priced by the book holds it with a restricting foreign key, so this
            // feature asks no other feature; the table says which message helps.
            db.ChangeTracker.Clear();
            return Outcome.Conflict(used.TableName is "storefront_settings" or "sign_up_settings" ? Problems.UsedByStorefront : Problems.UsedByCustomers);
        }
        return Outcome.Done();
    }

    /// <summary>Sets the rule for a target, replacing the one it had.</summary>
    public async Task<Outcome<PriceRule>> SetRuleAsync(Guid bookId, RuleDraft draft, CancellationToken ct = default)
    {
        var book = await Books.Include(b => b.Rules).FirstOrDefaultAsync(b => b.Id == bookId, ct);
        if (book is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.ManagePricing))
            return Outcome.Forbidden(Problems.MayNotChangePriceBooks);
        if (draft.Scope == RuleScope.Category && !string.IsNullOrWhiteSpace(draft.Category))
        {
            // Categories match in any case; the rule keeps the catalog's own spelling.
            var spelled = draft.Category.Trim().ToLower();
            draft = draft with { Category = await db.Set<Product>().Where(p => p.Category.ToLower() == spelled).Select(p => p.Category).FirstOrDefaultAsync(ct) };
        }
        var errors = await CheckRuleAsync(draft, ct);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);

        var existing = book.Rules.FirstOrDefault(r => r.Scope == draft.Scope && r.VendorId == draft.VendorId && r.ProductId == draft.ProductId
            && r.PlanId == draft.PlanId && r.Category == draft.Category);
        var before = existing is null ? null : await DescribeRuleAsync(existing, ct);
        if (existing is not null)
        {
            book.Rules.Remove(existing);
            db.Remove(existing);
        }
        var rule = new PriceRule
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), ResellerId = book.ResellerId, PriceBookId = book.Id, Scope = draft.Scope,
            VendorId = draft.VendorId, Category = draft.Category, ProductId = draft.ProductId, PlanId = draft.PlanId,
            AdjustmentPercent = draft.FixedPrice is null ? draft.AdjustmentPercent : null,
            FixedPrice = draft.FixedPrice is { } price ? Money.Round(price) : null,
        };
        book.Rules.Add(rule);
        book.UpdatedAt = clock.GetUtcNow();
        audit.Record(AuditActions.PriceBook.RuleSet, AuditActions.PriceBook.Type, book.Id, before, await DescribeRuleAsync(rule, ct));
        await db.SaveChangesAsync(ct);
        return rule;
    }

    /// <summary>Removes a rule; one already gone (a second click, a colleague first) is done.</summary>
    public async Task<Outcome> RemoveRuleAsync(Guid bookId, Guid ruleId, CancellationToken ct = default)
    {
        var book = await Books.Include(b => b.Rules).FirstOrDefaultAsync(b => b.Id == bookId, ct);
        if (book is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.ManagePricing))
            return Outcome.Forbidden(Problems.MayNotChangePriceBooks);
        var rule = book.Rules.FirstOrDefault(r => r.Id == ruleId);
        if (rule is null)
            return Outcome.Done();
        book.Rules.Remove(rule);
        db.Remove(rule);
        book.UpdatedAt = clock.GetUtcNow();
        audit.Record(AuditActions.PriceBook.RuleRemoved, AuditActions.PriceBook.Type, book.Id, await DescribeRuleAsync(rule, ct), null);
        await db.SaveChangesAsync(ct);
        return Outcome.Done();
    }

    /// <summary>The book's rules, most specific first, with their targets named.</summary>
    public Task<IReadOnlyList<RuleView>> RulesAsync(PriceBook book, CancellationToken ct = default) => NameTargetsAsync(book.Rules, ct);

    /// <summary>Rules with their targets by name: a vendor, a category, a product, or "product · SKU".</summary>
    private async Task<IReadOnlyList<RuleView>> NameTargetsAsync(IReadOnlyCollection<PriceRule> rules, CancellationToken ct)
    {
        var vendorIds = rules.Select(r => r.VendorId).OfType<Guid>().ToList();
        var productIds = rules.Select(r => r.ProductId).OfType<Guid>().ToList();
        var planIds = rules.Select(r => r.PlanId).OfType<Guid>().ToList();
        var vendors = await db.Set<Vendor>().Where(v => vendorIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Name, ct);
        var products = await db.Set<Product>().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var plans = await db.Set<Plan>().Where(p => planIds.Contains(p.Id))
            .Select(p => new { p.Id, Label = p.Product!.Name + " · " + p.Sku }).ToDictionaryAsync(p => p.Id, p => p.Label, ct);
        return rules
            .Select(r => new RuleView(r, r.Scope switch
            {
                RuleScope.Vendor => vendors.GetValueOrDefault(r.VendorId!.Value, "?"),
                RuleScope.Category => r.Category!,
                RuleScope.Product => products.GetValueOrDefault(r.ProductId!.Value, "?"),
                _ => plans.GetValueOrDefault(r.PlanId!.Value, "?"),
            }))
            .OrderByDescending(r => r.Rule.Scope).ThenBy(r => r.Target)
            .ToList();
    }

    /// <summary>One plan under the book; null when the plan doesn't exist.</summary>
    public async Task<PreviewRow?> PreviewPlanAsync(PriceBook book, Guid planId, CancellationToken ct = default) =>
        (await PreviewAsync(book, null, new PageRequest(1, 1), ct, planId)).Items.FirstOrDefault();

    /// <summary>Every plan in the catalog under the book, searchable and paged in the database, priced in the domain.</summary>
    public async Task<Page<PreviewRow>> PreviewAsync(PriceBook book, string? search, PageRequest page, CancellationToken ct = default) =>
        await PreviewAsync(book, search, page, ct, planId: null);

    private async Task<Page<PreviewRow>> PreviewAsync(PriceBook book, string? search, PageRequest page, CancellationToken ct, Guid? planId)
    {
        var plans = db.Set<Plan>().AsNoTracking();
        if (planId is { } onlyPlan)
            plans = plans.Where(p => p.Id == onlyPlan);
        if (SearchPattern.Contains(search) is { } pattern)
        {
            plans = plans.Where(p => EF.Functions.ILike(p.Product!.Name, pattern) || EF.Functions.ILike(p.Sku, pattern) || EF.Functions.ILike(p.Name, pattern)
                || EF.Functions.ILike(p.Product.Vendor!.Name, pattern) || EF.Functions.ILike(p.Product.Category, pattern));
        }
        var found = await plans
            .OrderBy(p => p.Product!.Vendor!.Name).ThenBy(p => p.Product!.Name).ThenBy(p => p.Sku)
            .Select(p => new
            {
                p.Id, p.ProductId, p.Product!.VendorId, VendorName = p.Product.Vendor!.Name, ProductName = p.Product.Name, p.Product.Category,
                p.Sku, p.Name, p.Term, p.Billing, p.Unit, Retired = p.RetiredAt != null || p.Product.RetiredAt != null,
                Price = p.Prices.Where(x => x.Currency == book.Currency).Select(x => new { x.Cost, x.ListPrice }).FirstOrDefault(),
            })
            .ToPageAsync(page, ct);
        var rows = found.Items.Select(p => new PreviewRow(p.Id, p.ProductId, p.VendorId, p.VendorName, p.ProductName, p.Category, p.Sku, p.Name, p.Term, p.Billing, p.Unit, p.Retired,
            p.Price is null ? null : book.PriceOf(new PlanFacts(p.Id, p.ProductId, p.VendorId, p.Category, p.Price.Cost, p.Price.ListPrice)))).ToList();
        return new Page<PreviewRow>(rows, found.Number, found.Size, found.TotalCount);
    }

    public static bool IsValidPercent(decimal percent) => percent > -100m && percent <= 1000m;

    private async Task CheckNameAsync(FieldErrors errors, string? name, Guid? except, CancellationToken ct)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
            errors.Add("Name", Problems.PriceBookNameRequired);
        else if (trimmed.Length > 80)
            errors.Add("Name", Problems.TooLong(80));
        else if (await Books.AnyAsync(b => b.Name == trimmed && b.Id != except, ct))
            errors.Add("Name", Problems.PriceBookNameTaken);
    }

    private async Task<FieldErrors> CheckRuleAsync(RuleDraft draft, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var targetExists = draft.Scope switch
        {
            RuleScope.Vendor => draft.VendorId is { } v && await db.Set<Vendor>().AnyAsync(x => x.Id == v, ct),
            RuleScope.Category => draft.Category is not null,
            RuleScope.Product => draft.ProductId is { } p && await db.Set<Product>().AnyAsync(x => x.Id == p, ct),
            RuleScope.Plan => draft.PlanId is { } p && await db.Set<Plan>().AnyAsync(x => x.Id == p, ct),
            _ => false,
        };
        if (!targetExists)
            errors.Add("Target", Problems.TargetMissing);
        if (draft.AdjustmentPercent is null == draft.FixedPrice is null)
            errors.Add("Value", Problems.OnePriceOnly);
        else if (draft.FixedPrice is { } price && draft.Scope != RuleScope.Plan)
            errors.Add("Value", Problems.FixedOnlyForPlans);
        else if (draft.FixedPrice is < 0)
            errors.Add("Value", Problems.FixedPriceInvalid);
        else if (draft.AdjustmentPercent is { } percent && !IsValidPercent(percent))
            errors.Add("Value", Problems.AdjustmentOutOfRange);
        return errors;
    }

    private static object Snapshot(PriceBook b) => new { b.Name, b.Currency, Basis = b.Basis.ToString(), DefaultPercent = b.DefaultAdjustmentPercent };

    /// <summary>A rule as the audit trail shows it: its target by name, not by id.</summary>
    private async Task<object> DescribeRuleAsync(PriceRule r, CancellationToken ct)
    {
        var target = (await NameTargetsAsync([r], ct)).Single().Target;
        return new { Scope = r.Scope.ToString(), Target = target, Percent = r.AdjustmentPercent, FixedPrice = r.FixedPrice };
    }
}
