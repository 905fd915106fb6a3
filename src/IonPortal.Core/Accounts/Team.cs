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
    AccountDirectory directory, AccountAccess access, AuditTrail audit, TimeProvider clock)
{

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
            return Outcome.Forbidden(Problems.MayNotManageTeam);
        if (role == PortalRoles.Owner && actor.Role != PortalRoles.Owner)
            return Outcome.Forbidden(Problems.OnlyOwnersManageOwners);
        var errors = new FieldErrors();
        if (!EmailAddress.IsValid(email))
            errors.Add("Email", Problems.EmailInvalid);
        else if (await directory.IsTakenAsync(SignInRealm.Console, email!, ct))
            errors.Add("Email", Problems.EmailTakenInConsole);
        if (displayName?.Trim().Length > 200)
            errors.Add("DisplayName", Problems.TooLong(200));
        if (!PortalRoles.StaffRoles.Contains(role))
            errors.Add("Role", Problems.StaffRoleInvalid);
        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);

        var user = PortalUser.Staff(tenant.RequiredResellerId, role!, email!, displayName ?? "", clock.GetUtcNow());
        if (!await access.InviteAsync(user, Audited, ct))
            return Outcome.Invalid("Email", Problems.EmailTakenInConsole);
        return ToMember(user);
    }

    public async Task<Outcome<StaffMember>> ChangeRoleAsync(Guid id, string? role, CancellationToken ct = default)
    {
        var user = await Members.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.ManageTeam))
            return Outcome.Forbidden(Problems.MayNotManageTeam);
        if (!PortalRoles.StaffRoles.Contains(role))
            return Outcome.Invalid("Role", Problems.StaffRoleInvalid);
        if ((role == PortalRoles.Owner || user.Role == PortalRoles.Owner) && actor.Role != PortalRoles.Owner)
            return Outcome.Forbidden(Problems.OnlyOwnersManageOwners);
        if (user.Role == PortalRoles.Owner && role != PortalRoles.Owner && !await HasAnotherActiveOwnerAsync(user.Id, ct))
            return Outcome.Conflict(Problems.LastOwner);

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
            return Outcome.Forbidden(Problems.MayNotManageTeam);
        if (user.Role == PortalRoles.Owner && actor.Role != PortalRoles.Owner)
            return Outcome.Forbidden(Problems.OnlyOwnersManageOwners);
        if (!hasAccess && user.Id == actor.UserId)
            return Outcome.Conflict(Problems.NotYourself);
        if (!hasAccess && user.Role == PortalRoles.Owner && !await HasAnotherActiveOwnerAsync(user.Id, ct))
            return Outcome.Conflict(Problems.LastOwner);

        await access.SetAccessAsync(user, hasAccess, Audited);
        return ToMember(user);
    }

    public async Task<Outcome<StaffMember>> ResendInvitationAsync(Guid id, CancellationToken ct = default)
    {
        var user = await Members.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
            return Outcome.NotFound;
        if (!actor.May(PortalAction.ManageTeam))
            return Outcome.Forbidden(Problems.MayNotManageTeam);
        if (user.PasswordHash is not null)
            return Outcome.Conflict(Problems.AlreadyActive);
        await access.ResendInvitationAsync(user, Audited, ct);
        return ToMember(user);
    }

    /// <summary>Whether the reseller requires two-factor sign-in of all its staff.</summary>
    public Task<bool> RequiresTwoFactorAsync(CancellationToken ct = default) =>
        db.Set<Resellers.Reseller>().Where(r => r.Id == tenant.RequiredResellerId).Select(r => r.RequireStaffTwoFactor).FirstAsync(ct);

    /// <summary>Requires two-factor sign-in of all staff (or stops requiring it); those without it set it up at their next sign-in.</summary>
    public async Task<Outcome> RequireTwoFactorAsync(bool required, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.ManageTeam))
            return Outcome.Forbidden(Problems.MayNotManageTeam);
        var reseller = await db.Set<Resellers.Reseller>().FirstAsync(r => r.Id == tenant.RequiredResellerId, ct);
        if (reseller.RequireStaffTwoFactor == required)
            return Outcome.Done();
        reseller.RequireStaffTwoFactor = required;
        audit.Record(required ? AuditActions.Security.TwoFactorRequired : AuditActions.Security.TwoFactorOptional, AuditActions.Security.Type, reseller.Id, null, new { RequireStaffTwoFactor = required });
        await db.SaveChangesAsync(ct);
        return Outcome.Done();
    }

    private Task<bool> HasAnotherActiveOwnerAsync(Guid exceptId, CancellationToken ct) =>
        Members.AnyAsync(u => u.Id != exceptId && u.Role == PortalRoles.Owner && u.PasswordHash != null
            && (u.LockoutEnd == null || u.LockoutEnd < PortalUser.AccessRemovedUntil), ct);

    private StaffMember ToMember(PortalUser u) => new(u.Id, u.Email!, u.DisplayName, u.Role, access.StatusOf(u), u.CreatedAt);
}
