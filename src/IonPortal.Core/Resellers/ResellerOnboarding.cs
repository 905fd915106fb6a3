using IonPortal.Core.Accounts;
using IonPortal.Core.Data;
using IonPortal.Core.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IonPortal.Core.Resellers;

/// <summary>A new reseller: its nickname and name, and its first owner (and, from a company's request, its support email).</summary>
public sealed record NewReseller(string? Nickname, string? DisplayName, string? AdminEmail, string AdminName = "", string? SupportEmail = null);

/// <summary>
/// Brings a reseller onto the platform: the tenant, its first owner, and the invitation that lets
/// the owner choose a password, all in one transaction.
/// </summary>
public sealed class ResellerOnboarding(PortalDbContext db, CurrentActor actor, UserManager<PortalUser> users, AccountDirectory directory, AccessLinks links, TimeProvider clock)
{
    public async Task<Outcome<Reseller>> OnboardAsync(NewReseller request, CancellationToken ct = default)
    {
        if (!actor.May(PortalAction.OnboardResellers))
            return Outcome.Forbidden(Problems.MayNotOnboardResellers);
        var errors = new FieldErrors();
        if (!Nickname.TryParse(request.Nickname, out var nickname, out var nicknameError))
            errors.Add(nameof(request.Nickname), nicknameError);
        else if (await db.Set<Reseller>().AnyAsync(r => r.Nickname == nickname.Value, ct))
            errors.Add(nameof(request.Nickname), Problems.NicknameTaken);

        var displayName = request.DisplayName?.Trim() ?? "";
        if (displayName.Length == 0)
            errors.Add(nameof(request.DisplayName), Problems.DisplayNameRequired);
        else if (displayName.Length > 100)
            errors.Add(nameof(request.DisplayName), Problems.TooLong(100));

        if (!EmailAddress.IsValid(request.AdminEmail))
            errors.Add(nameof(request.AdminEmail), Problems.EmailInvalid);
        else if (await directory.IsTakenAsync(SignInRealm.Console, request.AdminEmail!, ct))
            errors.Add(nameof(request.AdminEmail), Problems.EmailTakenInConsole);

        if (!errors.IsEmpty)
            return Outcome.Invalid(errors);

        var now = clock.GetUtcNow();
        var reseller = new Reseller { Id = Guid.CreateVersion7(now), Nickname = nickname.Value, DisplayName = displayName, SupportEmail = request.SupportEmail, CreatedAt = now };
        var owner = PortalUser.Staff(reseller.Id, PortalRoles.Owner, request.AdminEmail!, request.AdminName, now);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.Add(reseller);
            await db.SaveChangesAsync(ct);
            var created = await users.CreateAsync(owner);
            if (!created.Succeeded)
                return Outcome.Invalid(nameof(request.AdminEmail), Problems.EmailTakenInConsole);
            await links.QueueInvitationAsync(owner, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            // Someone else took the nickname or email between our check and our insert.
            db.ChangeTracker.Clear();
            return unique.ConstraintName == "ix_resellers_nickname"
                ? Outcome.Invalid(nameof(request.Nickname), Problems.NicknameTaken)
                : Outcome.Invalid(nameof(request.AdminEmail), Problems.EmailTakenInConsole);
        }
        return reseller;
    }
}
