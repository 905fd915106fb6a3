using IonPortal.Core.Auditing;
using IonPortal.Core.Accounts;
using IonPortal.Core.Data;
using IonPortal.Core.Tenancy;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Customers;

public sealed record CustomerPersonSummary(Guid Id, Guid CustomerId, string Email, string DisplayName, string Role, AccountStatus Status, DateTimeOffset CreatedAt);

/// <summary>How a customer's new person hears about their account.</summary>
public enum FirstEmail
{
    /// <summary>A link to choose a password, valid for 7 days.</summary>
    Invitation,
    /// <summary>A welcome with the storefront's address; they choose a password with "forgot password".</summary>
    Welcome,
}

/// <summary>
/// The people of the current reseller's customers: invited by the reseller or by a customer's own
/// admins, with the roles Admin (manages the company's users) and User.
/// </summary>
public sealed class CustomerPeople(PortalDbContext db, TenantContext tenant, CurrentActor actor, AccountDirectory directory,
    AccountAccess access, IAccountMail mail, TimeProvider clock)
{
    private static readonly AccountActions Audited = AuditActions.CustomerPerson;

    /// <summary>Everyone of a customer; null when the customer isn't the current reseller's.</summary>
    public async Task<IReadOnlyList<CustomerPersonSummary>?> ListAsync(Guid customerId, CancellationToken ct = default)
    {
        if (!await db.Set<Customer>().AnyAsync(c => c.Id == customerId, ct))
            return null;
        var users = await Users(customerId).AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        return users.Select(ToSummary).ToList();
    }

    /// <summary>One of a customer's people; null when either isn't the current reseller's.</summary>
    public async Task<CustomerPersonSummary?> FindAsync(Guid customerId, Guid userId, CancellationToken ct = default) =>
        await Users(customerId).AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct) is { } user ? ToSummary(user) : null;

    /// <summary>Adds a person to a customer and emails them.</summary>
    public async Task<Outcome<CustomerPersonSummary>> AddAsync(Guid customerId, string? email, string? displayName, string? role, FirstEmail firstEmail, CancellationToken ct = default)
    {
        if (await ReachAsync(customerId, ct) is { } refused)
            return refused;
        var errors = new FieldErrors();
        if (!EmailAddress.IsValid(email))
            errors.Add("Email", Problems.EmailInvalid);
        else if (await directory.IsTakenAsync(SignInRealm.Storefront(tenant.RequiredResellerId), email!, ct))
            errors.Add("Email", Problems.EmailTakenAtStorefront);
        if (displayName?.Trim().Length > 200)
            errors.Add("DisplayName", Problems.TooLong(200));
        if (!PortalRoles.CustomerRoles.Contains(role))
            errors.Add("Role", Problems.CustomerRoleInvalid);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);

        var user = PortalUser.CustomerPerson(tenant.RequiredResellerId, customerId, role!, email!, displayName ?? "", clock.GetUtcNow());
        var created = firstEmail == FirstEmail.Invitation
            ? await access.InviteAsync(user, Audited, ct)
            : await access.CreateAsync(user, u => mail.QueueWelcomeAsync(u, ct), Audited.Type, Audited.Created, ct);
        return created ? ToSummary(user) : Outcome.Invalid("Email", Problems.EmailTakenAtStorefront);
    }

    /// <summary>
    /// An approved sign-up's first person: the customer's admin, with the password chosen at sign-up
    /// (no email of its own: the approval's says it). The caller answers for who may.
    /// </summary>
    internal async Task<Outcome<PortalUser>> AddFirstAdminAsync(Guid customerId, string email, string displayName, string passwordHash, ApprovedFrom approval, CancellationToken ct)
    {
        if (await directory.IsTakenAsync(SignInRealm.Storefront(tenant.RequiredResellerId), email, ct))
            return Outcome.Invalid("Email", Problems.EmailTakenAtStorefront);
        var user = PortalUser.CustomerPerson(tenant.RequiredResellerId, customerId, PortalRoles.CustomerAdmin, email, displayName, clock.GetUtcNow());
        user.PasswordHash = passwordHash;
        user.EmailConfirmed = true;
        return await access.CreateAsync(user, _ => Task.CompletedTask, Audited.Type, Audited.Created, ct, approval.DecidedBy)
            ? user
            : Outcome.Invalid("Email", Problems.EmailTakenAtStorefront);
    }

    public async Task<Outcome<CustomerPersonSummary>> SetAccessAsync(Guid customerId, Guid userId, bool hasAccess, CancellationToken ct = default)
    {
        var user = await Users(customerId).FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
            return Outcome.NotFound;
        if (await ReachAsync(customerId, ct) is { } refused)
            return refused;
        if (!hasAccess && user.Id == actor.UserId)
            return Outcome.Conflict(Problems.NotYourself);
        await access.SetAccessAsync(user, hasAccess, Audited);
        return ToSummary(user);
    }

    public async Task<Outcome<CustomerPersonSummary>> ResendInvitationAsync(Guid customerId, Guid userId, CancellationToken ct = default)
    {
        var user = await Users(customerId).FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
            return Outcome.NotFound;
        if (await ReachAsync(customerId, ct) is { } refused)
            return refused;
        if (user.PasswordHash is not null)
            return Outcome.Conflict(Problems.AlreadyActive);
        await access.ResendInvitationAsync(user, Audited, ct);
        return ToSummary(user);
    }

    public async Task<Outcome<CustomerPersonSummary>> ChangeRoleAsync(Guid customerId, Guid userId, string? role, CancellationToken ct = default)
    {
        var user = await Users(customerId).FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
            return Outcome.NotFound;
        if (await ReachAsync(customerId, ct) is { } refused)
            return refused;
        if (!PortalRoles.CustomerRoles.Contains(role))
            return Outcome.Invalid("Role", Problems.CustomerRoleInvalid);
        await access.ChangeRoleAsync(user, role!, Audited);
        return ToSummary(user);
    }

    /// <summary>
    /// Null when the actor may manage the customer's people: the reseller's staff who manage
    /// customers, or the customer's own admins. Another customer's people don't see it at all.
    /// </summary>
    private async Task<Failure?> ReachAsync(Guid customerId, CancellationToken ct)
    {
        if (!await db.Set<Customer>().AnyAsync(c => c.Id == customerId, ct))
            return Outcome.NotFound;
        if (actor.May(PortalAction.ManageCustomers))
            return null;
        if (actor.May(PortalAction.UseConsole))
            return Outcome.Forbidden(Problems.MayNotChangeCustomers);
        if (actor.UserId is not { } userId || !await db.Users.AnyAsync(u => u.Id == userId && u.CustomerId == customerId, ct))
            return Outcome.NotFound;
        return actor.May(PortalAction.ManageCompanyPeople) ? null : Outcome.Forbidden(Problems.MayNotManageCustomerPeople);
    }

    private IQueryable<PortalUser> Users(Guid customerId) =>
        db.Users.Where(u => u.Kind == UserKind.Customer && u.ResellerId == tenant.RequiredResellerId && u.CustomerId == customerId);

    private CustomerPersonSummary ToSummary(PortalUser u) => new(u.Id, u.CustomerId!.Value, u.Email!, u.DisplayName, u.Role, access.StatusOf(u), u.CreatedAt);
}
