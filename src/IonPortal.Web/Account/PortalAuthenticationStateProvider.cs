using System.Security.Claims;
using IonPortal.Core.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IonPortal.Web.Account;

/// <summary>
/// A circuit's sign-in, checked again every minute against the account's security stamp: a staff
/// member whose access was removed, or a customer whose company was suspended, loses an open
/// console or portal within a minute, as the cookie does on the next request.
/// </summary>
internal sealed class PortalAuthenticationStateProvider(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) => IsStillValidAsync(state.User);

    /// <summary>Whether the sign-in still stands: the account exists, has access, and its security stamp hasn't moved on.</summary>
    internal async Task<bool> IsStillValidAsync(ClaimsPrincipal principal)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || user.IsAccessRemoved)
            return false;
        if (!users.SupportsUserSecurityStamp)
            return true;
        return principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) == await users.GetSecurityStampAsync(user);
    }
}
