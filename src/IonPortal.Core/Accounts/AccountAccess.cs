using IonPortal.Core.Auditing;
using IonPortal.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace IonPortal.Core.Accounts;

public enum AccountStatus
{
    /// <summary>Invited; hasn't chosen a password yet.</summary>
    Invited,
    Active,
    /// <summary>Too many wrong passwords; unlocks by itself or with a password reset.</summary>
    LockedOut,
    AccessRemoved,
}

/// <summary>
/// The steps of an account's life shared by a reseller's team and its customers' users: creating
/// it with an emailed link, removing or restoring access, and sending the invitation again.
/// Each step saves its audit event with it.
/// </summary>
public sealed class AccountAccess(PortalDbContext db, UserManager<PortalUser> users, AccessLinks links, AuditTrail audit, TimeProvider clock)
{
    /// <summary>
    /// Creates the account and queues its first email in one transaction (the caller's, when it has
    /// one); false when the email was taken meanwhile.
    /// </summary>
    /// <param name="actorName">Who acted when it isn't the signed-in person (an automatic approval).</param>
    public async Task<bool> CreateAsync(PortalUser user, Func<PortalUser, Task> queueEmail, string auditType, string action, CancellationToken ct = default, string? actorName = null)
    {
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (!(await users.CreateAsync(user)).Succeeded)
            return false;
        await queueEmail(user);
        audit.Record(action, auditType, user.Id, null, Snapshot(user), actorName: actorName);
        await db.SaveChangesAsync(ct);
        if (tx is not null)
            await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Creates an account and emails an invitation to choose a password.</summary>
    public Task<bool> InviteAsync(PortalUser user, AccountActions audited, CancellationToken ct = default) =>
        CreateAsync(user, u => links.QueueInvitationAsync(u, ct), audited.Type, audited.Invited, ct);

    /// <summary>Removes or restores access; a new security stamp ends the person's sessions within a minute.</summary>
    public async Task SetAccessAsync(PortalUser user, bool hasAccess, AccountActions audited)
    {
        var before = Snapshot(user);
        user.LockoutEnd = hasAccess ? null : PortalUser.AccessRemovedUntil;
        user.AccessFailedCount = 0;
        audit.Record(hasAccess ? audited.AccessRestored : audited.AccessRemoved, audited.Type, user.Id, before, Snapshot(user));
        await users.UpdateSecurityStampAsync(user);
    }

    /// <summary>Sends a fresh invitation; the new stamp retires the earlier link.</summary>
    public async Task ResendInvitationAsync(PortalUser user, AccountActions audited, CancellationToken ct = default)
    {
        await users.UpdateSecurityStampAsync(user);
        await links.QueueInvitationAsync(user, ct);
        audit.Record(audited.InvitationResent, audited.Type, user.Id, null, Snapshot(user));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Records a role change with the security stamp that refreshes the person's sessions.</summary>
    public async Task ChangeRoleAsync(PortalUser user, string role, AccountActions audited)
    {
        var before = Snapshot(user);
        user.Role = role;
        audit.Record(audited.RoleChanged, audited.Type, user.Id, before, Snapshot(user));
        await users.UpdateSecurityStampAsync(user);
    }

    public AccountStatus StatusOf(PortalUser user) => StatusOf(user.PasswordHash, user.LockoutEnd, clock.GetUtcNow());

    public static AccountStatus StatusOf(string? passwordHash, DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        lockoutEnd >= PortalUser.AccessRemovedUntil ? AccountStatus.AccessRemoved
        : lockoutEnd > now ? AccountStatus.LockedOut
        : passwordHash is null ? AccountStatus.Invited
        : AccountStatus.Active;

    private object Snapshot(PortalUser u) => new { u.Email, u.DisplayName, u.Role, Status = StatusOf(u).ToString() };
}
