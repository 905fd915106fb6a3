using IonPortal.Core.Data;
using IonPortal.Core.Validation;
using Microsoft.AspNetCore.Identity;

namespace IonPortal.Core.Accounts;

/// <summary>
/// The emailed links that let people choose a password: invitations for new accounts and resets
/// for forgotten passwords. Each link works once: using it changes the user's security stamp.
/// </summary>
public sealed class AccessLinks(AccountDirectory directory, UserManager<PortalUser> users, IAccountMail mail, PortalDbContext db)
{
    /// <summary>Emails a reset link when the address has an account here; says nothing either way.</summary>
    public async Task RequestPasswordResetAsync(SignInRealm realm, string email, CancellationToken ct = default)
    {
        var user = await directory.FindAsync(realm, email, ct);
        if (user is null)
            return;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        await mail.QueuePasswordResetAsync(user, token, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Queues an invitation for a user who has no password yet (the caller saves).</summary>
    public async Task QueueInvitationAsync(PortalUser user, CancellationToken ct = default)
    {
        var token = await users.GenerateUserTokenAsync(user, InvitationTokens.ProviderName, InvitationTokens.Purpose);
        await mail.QueueInvitationAsync(user, token, ct);
    }

    public async Task<Outcome<PortalUser>> ResetPasswordAsync(Guid userId, string token, string newPassword, SignInRealm realm)
    {
        var user = await FindInRealmAsync(userId, realm);
        if (user is null)
            return Outcome.Invalid("", Problems.InvalidLink);
        var reset = await users.ResetPasswordAsync(user, token, newPassword);
        if (!reset.Succeeded)
            return Failed(reset);
        // A working reset proves the mailbox and clears a lockout from failed attempts.
        user.EmailConfirmed = true;
        user.AccessFailedCount = 0;
        if (!user.IsAccessRemoved)
            user.LockoutEnd = null;
        await users.UpdateAsync(user);
        return user;
    }

    public async Task<Outcome<PortalUser>> AcceptInvitationAsync(Guid userId, string token, string password, SignInRealm realm)
    {
        var user = await FindInRealmAsync(userId, realm);
        if (user is null || user.PasswordHash is not null
            || !await users.VerifyUserTokenAsync(user, InvitationTokens.ProviderName, InvitationTokens.Purpose, token))
            return Outcome.Invalid("", Problems.InvalidLink);

        // Check the password before spending the link, so a too-short password can be fixed and retried.
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password);
            if (!check.Succeeded)
                return Failed(check);
        }
        var added = await users.AddPasswordAsync(user, password);
        if (!added.Succeeded)
            return Failed(added);
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        return user;
    }

    private async Task<PortalUser?> FindInRealmAsync(Guid userId, SignInRealm realm)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        return user is not null && realm.Contains(user) ? user : null;
    }

    private static Failure Failed(IdentityResult result)
    {
        var errors = new FieldErrors();
        foreach (var error in result.Errors)
        {
            if (error.Code == nameof(IdentityErrorDescriber.InvalidToken))
                errors.Add("", Problems.InvalidLink);
            else if (error.Code == nameof(IdentityErrorDescriber.PasswordTooShort))
                errors.Add("Password", Problems.TooShort(PasswordPolicy.MinimumLength));
            else
                errors.Add("Password", Problems.PasswordNotAccepted);   // Identity's own English never reaches the page
        }
        return Outcome.Invalid(errors);
    }
}
