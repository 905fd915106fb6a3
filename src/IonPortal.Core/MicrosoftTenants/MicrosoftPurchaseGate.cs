using IonPortal.Core.Validation;

namespace IonPortal.Core.MicrosoftTenants;

/// <summary>
/// Microsoft's rule before a purchase, which checkout asks: the customer's tenant is linked and
/// the current Microsoft Customer Agreement accepted. A refusal names what is missing.
/// </summary>
public sealed class MicrosoftPurchaseGate(MicrosoftIdentities identities)
{
    public async Task<Outcome> CheckAsync(Guid customerId, CancellationToken ct = default) =>
        await identities.StandingAsync(customerId, ct) switch
        {
            null => Outcome.NotFound,
            { IsLinked: false } => Outcome.Conflict(Problems.TenantNotLinked),
            { AgreementStatus: AgreementStatus.Expired } => Outcome.Conflict(Problems.AgreementExpired),
            { AgreementStatus: not AgreementStatus.Accepted } => Outcome.Conflict(Problems.AgreementNotAccepted),
            _ => Outcome.Done(),
        };
}
