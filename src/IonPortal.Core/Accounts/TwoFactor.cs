using System.Text;
using IonPortal.Core.Auditing;
using IonPortal.Core.Data;
using IonPortal.Core.Resellers;
using IonPortal.Core.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Accounts;

/// <summary>What an authenticator app needs: the key to type in, and the otpauth URI its QR code carries.</summary>
public sealed record AuthenticatorSetup(string Key, string Uri);

/// <summary>
/// Two-factor sign-in for the console: a time-based code from an authenticator app (RFC 6238),
/// with single-use recovery codes. Platform operators always need it; a reseller may require it of
/// all its staff, who then set it up at their next sign-in.
/// </summary>
public sealed class TwoFactor(PortalDbContext db, UserManager<PortalUser> users, AuditTrail audit)
{
    public const int RecoveryCodeCount = 10;
    private const string Issuer = "IonPortal";

    /// <summary>Whether this person may not use the console without it.</summary>
    public async Task<bool> IsRequiredForAsync(PortalUser user, CancellationToken ct = default) => user.Kind switch
    {
        UserKind.Operator => true,
        UserKind.Staff => await db.Set<Reseller>().AnyAsync(r => r.Id == user.ResellerId && r.RequireStaffTwoFactor, ct),
        _ => false,
    };

    /// <summary>
    /// The key for the person's authenticator app. Until two-factor sign-in is on, each new setup
    /// (<paramref name="fresh"/>) gets a new key, so a key left on some screen never counts.
    /// </summary>
    public async Task<AuthenticatorSetup> BeginAsync(PortalUser user, bool fresh)
    {
        if ((fresh && !user.TwoFactorEnabled) || string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
            await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        var label = Uri.EscapeDataString($"{Issuer}:{user.Email}");
        return new AuthenticatorSetup(Grouped(key), $"otpauth://totp/{label}?secret={key}&issuer={Issuer}&digits=6");
    }

    /// <summary>Turns it on with a code the app shows; answers the recovery codes, shown once.</summary>
    public async Task<Outcome<IReadOnlyList<string>>> EnableAsync(PortalUser user, string? code)
    {
        code = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (code.Length != 6 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            return Outcome.Invalid("Code", Problems.AuthenticatorCodeWrong);
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        Record(user, ActionsFor(user).TwoFactorEnabled);
        await db.SaveChangesAsync();
        return codes;
    }

    /// <summary>New recovery codes in place of the old ones (all of which stop working).</summary>
    public async Task<Outcome<IReadOnlyList<string>>> RenewRecoveryCodesAsync(PortalUser user)
    {
        if (!user.TwoFactorEnabled)
            return Outcome.Conflict(Problems.TwoFactorNotOn);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        Record(user, ActionsFor(user).RecoveryCodesRenewed);
        await db.SaveChangesAsync();
        return codes;
    }

    /// <summary>Turns it off, unless the person's role or reseller requires it.</summary>
    public async Task<Outcome> DisableAsync(PortalUser user)
    {
        if (await IsRequiredForAsync(user))
            return Outcome.Conflict(Problems.TwoFactorRequired);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        Record(user, ActionsFor(user).TwoFactorDisabled);
        await db.SaveChangesAsync();
        return Outcome.Done();
    }

    public Task<int> RecoveryCodesLeftAsync(PortalUser user) => users.CountRecoveryCodesAsync(user);

    private void Record(PortalUser user, string action) =>
        audit.Record(action, ActionsFor(user).Type, user.Id, null, new { user.Email }, resellerId: user.ResellerId);

    private static AccountActions ActionsFor(PortalUser user) => user.Kind == UserKind.Operator ? AuditActions.Operator : AuditActions.Staff;

    // "jbsw y3dp ehpk 3pxp": easier to type from a screen.
    private static string Grouped(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
            grouped.Append(i == 0 ? "" : " ").Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        return grouped.ToString().ToLowerInvariant();
    }
}
