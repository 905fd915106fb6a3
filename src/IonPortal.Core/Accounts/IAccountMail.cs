namespace IonPortal.Core.Accounts;

/// <summary>
/// Writes the emails that give people access. The host renders them (it knows the portal's URLs and
/// languages); they are queued in the caller's unit of work, never sent on the spot.
/// </summary>
public interface IAccountMail
{
    /// <summary>"You've been given access: choose a password" with a single-use link.</summary>
    Task QueueInvitationAsync(PortalUser user, string invitationToken, CancellationToken ct);

    /// <summary>"Your account is ready" with where to sign in; the person chooses a password with "forgot password".</summary>
    Task QueueWelcomeAsync(PortalUser user, CancellationToken ct);

    /// <summary>"Reset your password" with a single-use link.</summary>
    Task QueuePasswordResetAsync(PortalUser user, string resetToken, CancellationToken ct);
}
