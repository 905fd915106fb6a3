namespace IonPortal.Core.Tenancy;

/// <summary>
/// Marks an entity that carries a reseller id without being <see cref="ITenantOwned"/>, saying why.
/// Every entity with a reseller id is one or the other (a test over the model keeps it so), so
/// nothing slips past the tenant filter by being forgotten.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SharedAcrossTenantsAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
