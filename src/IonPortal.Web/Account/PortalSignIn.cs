using IonPortal.Core.Accounts;
using IonPortal.Core.Validation;
using Microsoft.AspNetCore.Identity;

namespace IonPortal.Web.Account;

public enum SignInOutcome
{
    SignedIn,
    WrongCredentials,
    LockedOut,
    AccessRemoved,
    /// <summary>The right password, but the person's company is suspended or not yet approved.</summary>
    CompanyInactive,
    /// <summary>The right password; now the code from the person's authenticator app (or a recovery code).</summary>
    NeedsCode,
    /// <summary>A wrong code from the authenticator app, or a recovery code that doesn't exist or was used.</summary>
    WrongCode,
    /// <summary>The code step came too late (or without the password step): start again.</summary>
    Expired,
}

/// <summary>Password sign-in within a realm: the console or one reseller's storefront.</summary>
public sealed class PortalSignIn(AccountDirectory directory, SignInManager<PortalUser> signInManager)
{
    /// <summary>What to tell the person about a failed sign-in; null when it worked.</summary>
    public Problem? ProblemWith(SignInOutcome outcome) => outcome switch
    {
        SignInOutcome.SignedIn => null,
        SignInOutcome.LockedOut => Problems.LockedOut((int)signInManager.Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes),
        SignInOutcome.AccessRemoved => Problems.AccessRemoved,
        SignInOutcome.CompanyInactive => Problems.CompanyInactive,
        SignInOutcome.Expired => Problems.SignInExpired,
        SignInOutcome.WrongCode => Problems.AuthenticatorCodeWrong,
        _ => Problems.WrongCredentials,
    };

    public async Task<(SignInOutcome Outcome, PortalUser? User)> PasswordSignInAsync(SignInRealm realm, string email, string password, bool remember)
    {
        var user = await directory.FindAsync(realm, email);
        if (user is null)
        {
            // Spend about as long as a real check, so response times don't reveal which emails exist.
            signInManager.UserManager.PasswordHasher.HashPassword(new PortalUser(), password);
            return (SignInOutcome.WrongCredentials, null);
        }
        if (user.IsAccessRemoved)
            return (SignInOutcome.AccessRemoved, null);

        if (!await directory.MaySignInAsync(user))
        {
            // Said only to whoever knows the password; a wrong one counts towards lockout as usual.
            var check = await signInManager.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            return (check.Succeeded ? SignInOutcome.CompanyInactive : check.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.WrongCredentials, null);
        }

        var result = await signInManager.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        return result switch
        {
            { Succeeded: true } => (SignInOutcome.SignedIn, user),
            { RequiresTwoFactor: true } => (SignInOutcome.NeedsCode, user),
            { IsLockedOut: true } => (SignInOutcome.LockedOut, null),
            _ => (SignInOutcome.WrongCredentials, null),
        };
    }

    /// <summary>
    /// The second step, after the password: a code from the authenticator app, or one of the
    /// recovery codes (each works once). Wrong codes count towards lockout like wrong passwords.
    /// </summary>
    public async Task<(SignInOutcome Outcome, PortalUser? User)> CodeSignInAsync(string? code, bool isRecoveryCode, bool remember, bool rememberDevice)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
            return (SignInOutcome.Expired, null);
        // As people copy them: spaces anywhere; an app's code may show a hyphen, a recovery code has one of its own.
        code = (code ?? "").Replace(" ", "");
        if (!isRecoveryCode)
            code = code.Replace("-", "");
        var result = isRecoveryCode
            ? await signInManager.TwoFactorRecoveryCodeSignInAsync(code)
            : await signInManager.TwoFactorAuthenticatorSignInAsync(code, remember, rememberDevice);
        return result switch
        {
            { Succeeded: true } => (SignInOutcome.SignedIn, user),
            { IsLockedOut: true } => (SignInOutcome.LockedOut, null),
            _ => (SignInOutcome.WrongCode, null),
        };
    }

    /// <summary>Signs the person in again (a new cookie), after what the cookie says about them changed.</summary>
    public Task RefreshAsync(PortalUser user) => signInManager.RefreshSignInAsync(user);

    public Task SignOutAsync() => signInManager.SignOutAsync();
}
