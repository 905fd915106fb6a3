namespace IonPortal.Core.Tenancy;

/// <summary>
/// An entity that belongs to exactly one reseller. The DbContext scopes every query of such an
/// entity to the current tenant, so a foreign id simply is not found.
/// </summary>
public interface ITenantOwned
{
    Guid ResellerId { get; }
}
