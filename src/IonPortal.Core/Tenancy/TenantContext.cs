namespace IonPortal.Core.Tenancy;

/// <summary>
/// The reseller the current unit of work acts for (one per request or background job).
/// Empty means "no tenant": tenant-owned queries then return nothing, so a missing
/// resolution fails closed instead of leaking every tenant's rows.
/// </summary>
public sealed class TenantContext
{
    public Guid? ResellerId { get; private set; }

    public string? Nickname { get; private set; }

    /// <summary>Binds the unit of work to a reseller; it can't be re-bound to another one.</summary>
    public void Enter(Guid resellerId, string nickname)
    {
        if (ResellerId is { } current && current != resellerId)
            throw new InvalidOperationException("This unit of work already acts for another reseller.");
        ResellerId = resellerId;
        Nickname = nickname;
    }

    /// <summary>The current reseller's id, for code that must not run without one.</summary>
    public Guid RequiredResellerId =>
        ResellerId ?? throw new InvalidOperationException("No reseller is bound to this unit of work.");
}
