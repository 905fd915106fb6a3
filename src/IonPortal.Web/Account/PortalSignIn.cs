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
            { IsLockedOut: true } => (SignInOutcome.LockedOut, null),
            _ => (SignInOutcome.WrongCredentials, null),
        };
    }

    public Task SignOutAsync() => signInManager.SignOutAsync();
}
