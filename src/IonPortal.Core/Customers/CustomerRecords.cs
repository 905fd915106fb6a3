using IonPortal.Core.Accounts;
using IonPortal.Core.Auditing;
using IonPortal.Core.Catalog;
using IonPortal.Core.Data;
using IonPortal.Core.Paging;
using IonPortal.Core.Pricing;
using IonPortal.Core.SupportPlans;
using IonPortal.Core.Tenancy;
using IonPortal.Core.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Customers;

public sealed record CustomerDraft(string? CompanyName, string? Domain, ContactDetails Contact, PostalAddress Address,
    string? PreferredLanguage, string? Currency, Guid? PriceBookId, Guid? SupportPlanId);

public sealed record CustomerSummary(Guid Id, string CompanyName, string ContactName, string ContactEmail, string? Domain, CustomerStatus Status, string Country, DateTimeOffset CreatedAt);

/// <summary>
/// The current reseller's customers: their profile, status (suspending one locks its people out),
/// and the cloud providers each may buy from, with the price book that prices them.
/// </summary>
public sealed class CustomerRecords(PortalDbContext db, TenantContext tenant, CurrentActor actor, AuditTrail audit, UserManager<PortalUser> users, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> SortableColumns = ["company", "contact", "status", "created"];

    private IQueryable<Customer> All => db.Set<Customer>();

    /// <summary>Searches company, contact, email and domain (a trigram index keeps it fast at any size).</summary>
    public Task<Page<CustomerSummary>> ListAsync(string? search, CustomerStatus? status, PageRequest page, CancellationToken ct = default)
    {
        var customers = All.AsNoTracking();
        if (SearchPattern.Contains(search?.ToLowerInvariant()) is { } pattern)
            customers = customers.Where(c => EF.Functions.ILike(c.SearchText, pattern));
        if (status is { } s)
            customers = customers.Where(c => c.Status == s);
        customers = (page.Sort, page.Descending) switch
        {
            ("contact", false) => customers.OrderBy(c => c.ContactLastName).ThenBy(c => c.ContactFirstName),
            ("contact", true) => customers.OrderByDescending(c => c.ContactLastName).ThenByDescending(c => c.ContactFirstName),
            ("status", false) => customers.OrderBy(c => c.Status).ThenBy(c => c.CompanyName),
            ("status", true) => customers.OrderByDescending(c => c.Status).ThenBy(c => c.CompanyName),
            ("created", false) => customers.OrderBy(c => c.CreatedAt),
            ("created", true) => customers.OrderByDescending(c => c.CreatedAt),
            (_, true) => customers.OrderByDescending(c => c.CompanyName).ThenBy(c => c.Id),
            _ => customers.OrderBy(c => c.CompanyName).ThenBy(c => c.Id),
        };
        return customers
            .Select(c => new CustomerSummary(c.Id, c.CompanyName, c.ContactFirstName + " " + c.ContactLastName, c.ContactEmail, c.Domain, c.Status, c.Country, c.CreatedAt))
            .ToPageAsync(page, ct);
    }

    /// <summary>Whether the reseller has no customer at all yet (the list then says how to get the first).</summary>
    public async Task<bool> NoneYetAsync(CancellationToken ct = default) => !await All.AnyAsync(ct);

    /// <summary>A customer with its provider authorizations; null when it isn't the current reseller's.</summary>
    public Task<Customer?> FindAsync(Guid id, CancellationToken ct = default) =>
        All.AsNoTracking().Include(c => c.Authorizations.OrderBy(a => a.Provider)).FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<Outcome<Customer>> CreateAsync(CustomerDraft draft, CustomerStatus status = CustomerStatus.Active, CancellationToken ct = default) =>
        actor.May(PortalAction.ManageCustomers) ? await AddAsync(draft, status, null, ct) : Outcome.Forbidden(Problems.MayNotChangeCustomers);

    /// <summary>
    /// Adds a customer by the customers' rules. The caller answers for who may: the staff's role,
    /// or an approved sign-up (the request it came from, and who decided it).
    /// </summary>
    internal async Task<Outcome<Customer>> AddAsync(CustomerDraft draft, CustomerStatus status, ApprovedFrom? approval, CancellationToken ct)
    {
        var errors = await CheckAsync(draft, ct);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);
        var now = clock.GetUtcNow();
        var customer = new Customer { Id = Guid.CreateVersion7(now), ResellerId = tenant.RequiredResellerId, Status = status, CreatedAt = now };
        Apply(customer, draft, now);
        db.Add(customer);
        var snapshot = await SnapshotAsync(customer, ct);
        if (approval is not null)
            snapshot["fromRequest"] = approval.RequestId;
        audit.Record(AuditActions.Customer.Created, AuditActions.Customer.Type, customer.Id, null, snapshot, actorName: approval?.DecidedBy);
        await db.SaveChangesAsync(ct);
        return customer;
    }

    public async Task<Outcome<Customer>> UpdateAsync(Guid id, CustomerDraft draft, CancellationToken ct = default)
    {
        var customer = await All.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.ManageCustomers))
            return Outcome.Forbidden(Problems.MayNotChangeCustomers);
        var errors = await CheckAsync(draft, ct);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);
        var before = await SnapshotAsync(customer, ct);
        Apply(customer, draft, clock.GetUtcNow());
        audit.Record(AuditActions.Customer.Updated, AuditActions.Customer.Type, customer.Id, before, await SnapshotAsync(customer, ct));
        await db.SaveChangesAsync(ct);
        return customer;
    }

    /// <summary>Activates or suspends a customer; suspending signs its people out within a minute.</summary>
    public async Task<Outcome<Customer>> SetStatusAsync(Guid id, CustomerStatus status, CancellationToken ct = default)
    {
        var customer = await All.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.ManageCustomers))
            return Outcome.Forbidden(Problems.MayNotChangeCustomers);
        if (customer.Status == status)
            return customer;
        var before = new { Status = customer.Status.ToString() };
        customer.Status = status;
        customer.UpdatedAt = clock.GetUtcNow();
        audit.Record(status == CustomerStatus.Suspended ? AuditActions.Customer.Suspended : AuditActions.Customer.Activated, AuditActions.Customer.Type, id, before, new { Status = status.ToString() });
        await db.SaveChangesAsync(ct);
        if (status != CustomerStatus.Active)
        {
            foreach (var user in await db.Users.Where(u => u.CustomerId == id).ToListAsync(ct))
                await users.UpdateSecurityStampAsync(user);
        }
        return customer;
    }

    /// <summary>Lets the customer buy from a provider, priced by a book in the given currency (replacing an earlier one).</summary>
    public async Task<Outcome<ProviderAuthorization>> AuthorizeAsync(Guid customerId, string? provider, Guid? priceBookId, string? currency, bool enabledInPortal, CancellationToken ct = default)
    {
        if (!await All.AnyAsync(c => c.Id == customerId, ct))
            return Outcome.NotFound;
        return actor.May(PortalAction.ManageCustomers)
            ? await GrantAsync(customerId, provider, priceBookId, currency, enabledInPortal, null, ct)
            : Outcome.Forbidden(Problems.MayNotChangeCustomers);
    }

    /// <summary>Authorizes a provider by the customers' rules; the caller answers for who may (see <see cref="AddAsync"/>).</summary>
    internal async Task<Outcome<ProviderAuthorization>> GrantAsync(Guid customerId, string? provider, Guid? priceBookId, string? currency, bool enabledInPortal,
        ApprovedFrom? approval, CancellationToken ct)
    {
        var customer = await All.Include(c => c.Authorizations).FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null)
            return Outcome.NotFound;
        var errors = new FieldErrors();
        if (!CloudProviders.IsKnown(provider))
            errors.Add("Provider", Problems.ProviderUnknown);
        await CheckPricingAsync(errors, currency, priceBookId, required: true, ct);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);

        var authorization = customer.Authorizations.FirstOrDefault(a => a.Provider == provider);
        var before = authorization is null ? null : await AuthorizationSnapshotAsync(authorization, ct);
        if (authorization is null)
        {
            authorization = new ProviderAuthorization { CustomerId = customerId, ResellerId = customer.ResellerId, Provider = provider!, CreatedAt = clock.GetUtcNow() };
            db.Add(authorization);
        }
        authorization.PriceBookId = priceBookId!.Value;
        authorization.Currency = currency!;
        authorization.EnabledInPortal = enabledInPortal;
        audit.Record(AuditActions.Customer.ProviderAuthorized, AuditActions.Customer.Type, customerId, before, await AuthorizationSnapshotAsync(authorization, ct),
            actorName: approval?.DecidedBy);
        await db.SaveChangesAsync(ct);
        return authorization;
    }

    /// <summary>Takes a provider away; revoking one that is already gone (a second click, a colleague first) is done.</summary>
    public async Task<Outcome> RevokeAsync(Guid customerId, string? provider, CancellationToken ct = default)
    {
        if (!await All.AnyAsync(c => c.Id == customerId, ct))
            return Outcome.NotFound;
        if (!actor.May(PortalAction.ManageCustomers))
            return Outcome.Forbidden(Problems.MayNotChangeCustomers);
        var authorization = await db.Set<ProviderAuthorization>().FirstOrDefaultAsync(a => a.CustomerId == customerId && a.Provider == provider, ct);
        if (authorization is null)
            return Outcome.Done();
        db.Remove(authorization);
        audit.Record(AuditActions.Customer.ProviderRevoked, AuditActions.Customer.Type, customerId, await AuthorizationSnapshotAsync(authorization, ct), null);
        await db.SaveChangesAsync(ct);
        return Outcome.Done();
    }

    /// <summary>The rules for a company's contact person and address (shared with sign-ups).</summary>
    public static void CheckContact(ContactDetails contact, FieldErrors errors, string prefix = "")
    {
        if (string.IsNullOrWhiteSpace(contact.FirstName))
            errors.Add(prefix + nameof(contact.FirstName), Problems.FirstNameRequired);
        if (string.IsNullOrWhiteSpace(contact.LastName))
            errors.Add(prefix + nameof(contact.LastName), Problems.LastNameRequired);
        if (!EmailAddress.IsValid(contact.Email))
            errors.Add(prefix + nameof(contact.Email), Problems.EmailInvalid);
        if (!string.IsNullOrWhiteSpace(contact.Phone) && !PhoneNumber.IsValid(contact.Phone.Trim()))
            errors.Add(prefix + nameof(contact.Phone), Problems.PhoneInvalid);
        foreach (var (field, value) in new[] { (nameof(contact.FirstName), contact.FirstName), (nameof(contact.LastName), contact.LastName), (nameof(contact.Title), contact.Title) })
        {
            if (value?.Trim().Length > 100)
                errors.Add(prefix + field, Problems.TooLong(100));
        }
    }

    private async Task<FieldErrors> CheckAsync(CustomerDraft draft, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(draft.CompanyName))
            errors.Add(nameof(draft.CompanyName), Problems.CompanyRequired);
        else if (draft.CompanyName.Trim().Length > 200)
            errors.Add(nameof(draft.CompanyName), Problems.TooLong(200));
        if (!string.IsNullOrWhiteSpace(draft.Domain) && !DomainName.IsValid(draft.Domain.Trim().ToLowerInvariant()))
            errors.Add(nameof(draft.Domain), Problems.DomainInvalid);
        CheckContact(draft.Contact, errors);
        // No address at all is "not known yet" (a sign-up the reseller let in without one); any address given is complete.
        if (!draft.Address.IsBlank)
            PostalAddresses.Validate(draft.Address, errors);
        if (!Languages.IsSupported(draft.PreferredLanguage))
            errors.Add(nameof(draft.PreferredLanguage), Problems.LanguageUnsupported);
        await CheckPricingAsync(errors, draft.Currency, draft.PriceBookId, required: false, ct);
        if (draft.SupportPlanId is { } planId && !await db.Set<SupportPlan>().AnyAsync(p => p.Id == planId, ct))
            errors.Add(nameof(draft.SupportPlanId), Problems.SupportPlanMissing);
        return errors;
    }

    /// <summary>A currency from the catalog and, where given (or required), one of the reseller's books in it.</summary>
    internal async Task CheckPricingAsync(FieldErrors errors, string? currency, Guid? priceBookId, bool required, CancellationToken ct, string bookField = "PriceBookId")
    {
        if (!Currencies.IsSupported(currency))
            errors.Add("Currency", Problems.CurrencyUnsupported);
        if (priceBookId is not { } bookId)
        {
            if (required)
                errors.Add(bookField, Problems.BookMissing);
            return;
        }
        var bookCurrency = await db.Set<PriceBook>().Where(b => b.Id == bookId).Select(b => b.Currency).FirstOrDefaultAsync(ct);
        if (bookCurrency is null)
            errors.Add(bookField, Problems.BookMissing);
        else if (Currencies.IsSupported(currency) && bookCurrency != currency)
            errors.Add(bookField, Problems.BookInOtherCurrency);
    }

    private static void Apply(Customer customer, CustomerDraft draft, DateTimeOffset now)
    {
        customer.CompanyName = draft.CompanyName!.Trim();
        customer.Contact = draft.Contact;
        customer.Address = draft.Address;
        customer.Domain = string.IsNullOrWhiteSpace(draft.Domain) ? DomainOf(customer.ContactEmail) : draft.Domain.Trim().ToLowerInvariant();
        customer.PreferredLanguage = draft.PreferredLanguage!;
        customer.Currency = draft.Currency!;
        customer.PriceBookId = draft.PriceBookId;
        customer.SupportPlanId = draft.SupportPlanId;
        customer.UpdatedAt = now;
    }

    public static string? DomainOf(string email) => email.Contains('@') ? email[(email.LastIndexOf('@') + 1)..].ToLowerInvariant() : null;

    // Snapshots name books and plans, so the history reads "Web store USD", not an id.
    private async Task<Dictionary<string, object?>> SnapshotAsync(Customer c, CancellationToken ct) => new()
    {
        ["company"] = c.CompanyName, ["contact"] = c.ContactName, ["email"] = c.ContactEmail, ["phone"] = c.ContactPhone,
        ["address"] = string.Join(", ", new[] { c.Street, PostalAddresses.Locality(c.Address), c.Country }.Where(p => !string.IsNullOrWhiteSpace(p))),
        ["language"] = c.PreferredLanguage, ["currency"] = c.Currency, ["priceBook"] = await BookNameAsync(c.PriceBookId, ct),
        ["supportPlan"] = c.SupportPlanId is { } plan ? await db.Set<SupportPlan>().Where(p => p.Id == plan).Select(p => p.Name).FirstOrDefaultAsync(ct) : null,
        ["status"] = c.Status.ToString(),
    };

    private async Task<object> AuthorizationSnapshotAsync(ProviderAuthorization a, CancellationToken ct) =>
        new { Provider = CloudProviders.NameOf(a.Provider), PriceBook = await BookNameAsync(a.PriceBookId, ct), a.Currency, a.EnabledInPortal };

    private async Task<string?> BookNameAsync(Guid? id, CancellationToken ct) =>
        id is { } bookId ? await db.Set<PriceBook>().Where(b => b.Id == bookId).Select(b => b.Name).FirstOrDefaultAsync(ct) : null;
}

/// <summary>An approved request a change to customers comes from, and who decided it (or the auto-approval).</summary>
internal sealed record ApprovedFrom(Guid RequestId, string DecidedBy);
