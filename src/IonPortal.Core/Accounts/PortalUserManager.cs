using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IonPortal.Core.Accounts;

/// <summary>
/// Identity's user manager with the lockout window on the domain's <see cref="TimeProvider"/>
/// (Identity's own reads the system clock): five failed passwords lock an account for 15 minutes.
/// </summary>
public sealed class PortalUserManager(
    IUserStore<PortalUser> store, IOptions<IdentityOptions> options, IPasswordHasher<PortalUser> hasher,
    IEnumerable<IUserValidator<PortalUser>> userValidators, IEnumerable<IPasswordValidator<PortalUser>> passwordValidators,
    ILookupNormalizer normalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<PortalUser>> logger, TimeProvider clock)
    : UserManager<PortalUser>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    private IUserLockoutStore<PortalUser> Lockouts => (IUserLockoutStore<PortalUser>)Store;

    public override async Task<bool> IsLockedOutAsync(PortalUser user)
    {
        ThrowIfDisposed();
        return await Lockouts.GetLockoutEnabledAsync(user, CancellationToken)
            && await Lockouts.GetLockoutEndDateAsync(user, CancellationToken) >= clock.GetUtcNow();
    }

    public override async Task<IdentityResult> AccessFailedAsync(PortalUser user)
    {
        ThrowIfDisposed();
        if (await Lockouts.IncrementAccessFailedCountAsync(user, CancellationToken) >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await Lockouts.SetLockoutEndDateAsync(user, clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
            await Lockouts.ResetAccessFailedCountAsync(user, CancellationToken);
        }
        return await UpdateUserAsync(user);
    }
}
