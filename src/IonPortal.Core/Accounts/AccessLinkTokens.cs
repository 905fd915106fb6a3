using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace IonPortal.Core.Accounts;

/// <summary>
/// The tokens in emailed links: a password reset lasts 3 hours, an invitation 7 days. Each is
/// protected by the shared key ring, names its person and purpose, and dies once used (using it
/// changes the security stamp it carries). Built like Identity's DataProtectorTokenProvider, which
/// reads the system clock; this one reads the domain's <see cref="TimeProvider"/>, so the expiries
/// are tested at their edges.
/// </summary>
public abstract class AccessLinkTokens(IDataProtectionProvider protection, TimeProvider clock, TimeSpan lifespan)
    : IUserTwoFactorTokenProvider<PortalUser>
{
    private readonly IDataProtector _protector = protection.CreateProtector("IonPortal.AccessLinkTokens");

    public async Task<string> GenerateAsync(string purpose, UserManager<PortalUser> manager, PortalUser user)
    {
        var expires = clock.GetUtcNow().Add(lifespan).ToUnixTimeMilliseconds();
        var payload = string.Join('\n', expires, user.Id, purpose, await manager.GetSecurityStampAsync(user));
        return WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes(payload)));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<PortalUser> manager, PortalUser user)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(_protector.Unprotect(WebEncoders.Base64UrlDecode(token))).Split('\n');
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return false;   // not a token of ours, or tampered with
        }
        return parts is [var expires, var userId, var forPurpose, var stamp]
            && long.TryParse(expires, out var expiresAt) && clock.GetUtcNow().ToUnixTimeMilliseconds() <= expiresAt
            && userId == user.Id.ToString() && forPurpose == purpose
            && stamp == await manager.GetSecurityStampAsync(user);
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<PortalUser> manager, PortalUser user) => Task.FromResult(false);
}

/// <summary>A forgotten password's reset link: 3 hours.</summary>
public sealed class ResetLinkTokens(IDataProtectionProvider protection, TimeProvider clock)
    : AccessLinkTokens(protection, clock, Lifespan)
{
    public const string ProviderName = "ResetLink";
    public static readonly TimeSpan Lifespan = TimeSpan.FromHours(3);
}

/// <summary>An invitation to choose a first password: 7 days, longer than a reset link.</summary>
public sealed class InvitationTokens(IDataProtectionProvider protection, TimeProvider clock)
    : AccessLinkTokens(protection, clock, Lifespan)
{
    public const string ProviderName = "Invitation";
    public const string Purpose = "AcceptInvitation";
    public static readonly TimeSpan Lifespan = TimeSpan.FromDays(7);
}
