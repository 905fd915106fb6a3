using IonPortal.Core.Auditing;
using IonPortal.Core.Data;
using IonPortal.Core.Paging;
using IonPortal.Core.Tenancy;
using IonPortal.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Accounts;

public sealed record StaffMember(Guid Id, string Email, string DisplayName, string Role, AccountStatus Status, DateTimeOffset CreatedAt);

/// <summary>
/// The current reseller's staff. Owners and admins invite people and change roles; only an owner
/// touches owners; the last owner stays an owner, and nobody removes their own access.
/// </summary>
public sealed class Team(PortalDbContext db, TenantContext tenant, CurrentActor actor,
    AccountDirectory directory, AccountAccess access, TimeProvider clock)
{
    public const string NotAllowed = "Only owners and admins can manage the team.";
    public const string OnlyOwnersManageOwners = "Only an owner can make someone an owner or change an owner.";
    public const string LastOwner = "The account needs at least one owner with access.";
    public const string NotYourself = "You can't remove your own access.";
    public const string EmailTaken = "This email already has a console account.";
    public const string EmailInvalid = "Enter a valid email address.";
    public const string RoleInvalid = "Choose a role.";
    public const string NameTooLong = "Use at most 200 characters.";
    public const string AlreadyActive = "This person has already chosen a password.";

    public static readonly IReadOnlyList<string> SortableColumns = ["name", "email", "role", "created"];

    /// <summary>Audit events of staff accounts are "staff.invited", "staff.role-changed", …</summary>
    private static readonly AccountActions Audited = AuditActions.Staff;

    private IQueryable<PortalUser> Members =>
        db.Users.Where(u => u.Kind == UserKind.Staff && u.ResellerId == tenant.RequiredResellerId);

    public async Task<Page<StaffMember>> ListAsync(string? search, PageRequest page, CancellationToken ct = default)
    {
        var members = Members.AsNoTracking();
        if (SearchPattern.Contains(search) is { } pattern)
            members = members.Where(u => EF.Functions.ILike(u.Email!, pattern) || EF.Functions.ILike(u.DisplayName, pattern));
        members = (page.Sort, page.Descending) switch
        {
            ("email", false) => members.OrderBy(u => u.Email),
            ("email", true) => members.OrderByDescending(u => u.Email),
            ("role", false) => members.OrderBy(u => u.Role).ThenBy(u => u.Email),
            ("role", true) => members.OrderByDescending(u => u.Role).ThenBy(u => u.Email),
            ("created", false) => members.OrderBy(u => u.CreatedAt),
            ("created", true) => members.OrderByDescending(u => u.CreatedAt),
            (_, true) => members.OrderByDescending(u => u.DisplayName).ThenByDescending(u => u.Email),
            _ => members.OrderBy(u => u.DisplayName).ThenBy(u => u.Email),
        };
        var now = clock.GetUtcNow();
        var found = await members
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Role, u.PasswordHash, u.LockoutEnd, u.CreatedAt })
            .ToPageAsync(page, ct);
        var items = found.Items
            .Select(u => new StaffMember(u.Id, u.Email!, u.DisplayName, u.Role, AccountAccess.StatusOf(u.PasswordHash, u.LockoutEnd, now), u.CreatedAt))
            .ToList();
        return new Page<StaffMember>(items, found.Number, found.Size, found.TotalCount);
    }

    public async Task<StaffMember?> FindAsync(Guid id, CancellationToken ct = default)
    {
        var user = await Members.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? null : ToMember(user);
    }

    public async Task<Outcome<StaffMember>> InviteAsync(string? email, string? displayName, string? role, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.ManageTeam))
            return Outcome.Forbidden(NotAllowed);
        if (role == PortalRoles.Owner && actor.Role != PortalRoles.Owner)
            return Outcome.Forbidden(OnlyOwnersManageOwners);
        var errors = new FieldErrors();
        if (!EmailAddress.IsValid(email))
            errors.Add("Email", EmailInvalid);
        else if (await directory.IsTakenAsync(SignInRealm.Console, email!, ct))
            errors.Add("Email", EmailTaken);
        if (displayName?.Trim().Length > 200)
            errors.Add("DisplayName", NameTooLong);
        if (!PortalRoles.StaffRoles.Contains(role))
            errors.Add("Role", RoleInvalid);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);

        var user = PortalUser.Staff(tenant.RequiredResellerId, role!, email!, displayName ?? "", clock.GetUtcNow());
        if (!await access.InviteAsync(user, Audited, ct))
            return Outcome.Invalid("Email", EmailTaken);
        return ToMember(user);
    }

    public async Task<Outcome<StaffMember>> ChangeRoleAsync(Guid id, string? role, CancellationToken ct = default)
    {
        var user = await Members.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.ManageTeam))
            return Outcome.Forbidden(NotAllowed);
        if (!PortalRoles.StaffRoles.Contains(role))
            return Outcome.Invalid("Role", RoleInvalid);
        if ((role == PortalRoles.Owner || user.Role == PortalRoles.Owner) && actor.Role != PortalRoles.Owner)
            return Outcome.Forbidden(OnlyOwnersManageOwners);
        if (user.Role == PortalRoles.Owner && role != PortalRoles.Owner && !await HasAnotherActiveOwnerAsync(user.Id, ct))
            return Outcome.Conflict(LastOwner);

        await access.ChangeRoleAsync(user, role!, Audited);
        return ToMember(user);
    }

    /// <summary>Removes or restores someone's access; removing it ends their sessions.</summary>
    public async Task<Outcome<StaffMember>> SetAccessAsync(Guid id, bool hasAccess, CancellationToken ct = default)
    {
        var user = await Members.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.ManageTeam))
            return Outcome.Forbidden(NotAllowed);
        if (user.Role == PortalRoles.Owner && actor.Role != PortalRoles.Owner)
            return Outcome.Forbidden(OnlyOwnersManageOwners);
        if (!hasAccess && user.Id == actor.UserId)
            return Outcome.Conflict(NotYourself);
        if (!hasAccess && user.Role == PortalRoles.Owner && !await HasAnotherActiveOwnerAsync(user.Id, ct))
            return Outcome.Conflict(LastOwner);

        await access.SetAccessAsync(user, hasAccess, Audited);
        return ToMember(user);
    }

    public async Task<Outcome<StaffMember>> ResendInvitationAsync(Guid id, CancellationToken ct = default)
    {
        var user = await Members.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.ManageTeam))
            return Outcome.Forbidden(NotAllowed);
        if (user.PasswordHash is not null)
            return Outcome.Conflict(AlreadyActive);
        await access.ResendInvitationAsync(user, Audited, ct);
        return ToMember(user);
    }

    private Task<bool> HasAnotherActiveOwnerAsync(Guid exceptId, CancellationToken ct) =>
        Members.AnyAsync(u => u.Id != exceptId && u.Role == PortalRoles.Owner && u.PasswordHash != null
            && (u.LockoutEnd == null || u.LockoutEnd < PortalUser.AccessRemovedUntil), ct);

    private StaffMember ToMember(PortalUser u) => new(u.Id, u.Email!, u.DisplayName, u.Role, access.StatusOf(u), u.CreatedAt);
}
