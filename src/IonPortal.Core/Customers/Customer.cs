using IonPortal.Core.Tenancy;

namespace IonPortal.Core.Customers;

/// <summary>A reseller's end-customer company; its users sign in to the reseller's storefront.</summary>
public sealed class Customer : ITenantOwned
{
    public Guid Id { get; init; }

    public Guid ResellerId { get; init; }

    public string CompanyName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; init; }
}
