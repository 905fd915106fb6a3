using IonPortal.Core.Accounts;
using IonPortal.Core.Customers;

namespace IonPortal.Core.MicrosoftTenants;

/// <summary>The emails about a customer's Microsoft identity, rendered by the host and queued in the caller's unit of work.</summary>
public interface IMicrosoftMail
{
    /// <summary>The reseller relationship invitation, in its region's words, with the link the customer's global admin follows.</summary>
    Task QueueRelationshipInvitationAsync(Customer customer, string to, PartnerRegion region, string url, CancellationToken ct);

    /// <summary>Asks a customer's admin to accept the Microsoft Customer Agreement in the customer portal.</summary>
    Task QueueAgreementRequestAsync(Customer customer, PortalUser admin, CancellationToken ct);
}
