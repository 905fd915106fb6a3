using IonPortal.Core.Accounts;

namespace IonPortal.Core.Approvals;

/// <summary>The approval queue's emails, rendered by the host and queued in the caller's unit of work.</summary>
public interface IApprovalMail
{
    /// <summary>To a visitor who signed up: confirm your email with this single-use link.</summary>
    Task QueueConfirmationAsync(ApprovalRequest request, string token, CancellationToken ct);

    /// <summary>To each of the reseller's owners and admins: a new request waits in the queue.</summary>
    Task QueueNewRequestAsync(ApprovalRequest request, IReadOnlyList<PortalUser> admins, CancellationToken ct);

    /// <summary>To the person who asked: approved (for a sign-up: your account is ready, sign in here).</summary>
    Task QueueApprovedAsync(ApprovalRequest request, CancellationToken ct);

    /// <summary>To the person who asked: declined, with the reseller's reason.</summary>
    Task QueueDeclinedAsync(ApprovalRequest request, CancellationToken ct);
}
