using IonPortal.Core.Accounts;
using IonPortal.Core.VendorPrograms;

namespace IonPortal.Core.Resellers;

/// <summary>The emails between resellers (and would-be resellers) and the platform's operators, rendered by the host and queued in the caller's unit of work.</summary>
public interface IPlatformMail
{
    /// <summary>Tells the operators a reseller asks for a vendor program.</summary>
    Task QueueProgramRequestedAsync(ProgramEnrollment enrollment, Reseller reseller, IReadOnlyList<PortalUser> operators, CancellationToken ct);

    /// <summary>Tells the reseller's owners and admins the platform's decision.</summary>
    Task QueueProgramDecidedAsync(ProgramEnrollment enrollment, Reseller reseller, IReadOnlyList<PortalUser> admins, CancellationToken ct);

    /// <summary>Confirms a company's request to become a reseller, and tells the operators.</summary>
    Task QueueApplicationReceivedAsync(ResellerApplication application, IReadOnlyList<PortalUser> operators, CancellationToken ct);

    /// <summary>Tells the company its request was declined, and why.</summary>
    Task QueueApplicationDeclinedAsync(ResellerApplication application, CancellationToken ct);
}
