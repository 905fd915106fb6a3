using IonPortal.Core.Resellers;

namespace IonPortal.Web.Tenancy;

/// <summary>
/// The reseller this request acts for, loaded once by <see cref="TenantResolution"/>. Layouts read
/// it from here instead of querying: in static SSR a layout and its page initialise concurrently,
/// and must not share the request's DbContext at the same time.
/// </summary>
public sealed class CurrentReseller
{
    public Reseller? Value { get; private set; }

    public Reseller Required => Value ?? throw new InvalidOperationException("This request acts for no reseller.");

    internal void Set(Reseller reseller) => Value = reseller;
}
