namespace IonPortal.Core.PartnerCenter;

/// <summary>
/// Partner Center's REST resources (see reference/partner-center), as much of them as the portal
/// reads and writes: the client sends and reads them, and the provider sandbox answers with them.
/// </summary>
public static class PartnerCenterResources
{
    public sealed class Customer
    {
        public string? Id { get; set; }
        public CompanyProfile? CompanyProfile { get; set; }
        public BillingProfile? BillingProfile { get; set; }
        public UserCredentials? UserCredentials { get; set; }
        public string? RelationshipToPartner { get; set; }
    }

    public sealed class CompanyProfile
    {
        public Guid? TenantId { get; set; }
        public string? Domain { get; set; }
        public string? CompanyName { get; set; }
    }

    public sealed class BillingProfile
    {
        public string? Email { get; set; }
        public string? Culture { get; set; }
        public string? Language { get; set; }
        public string? CompanyName { get; set; }
        public Address? DefaultAddress { get; set; }
    }

    public sealed class Address
    {
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? AddressLine1 { get; set; }
        public string? City { get; set; }
        public string? State { get; set; }
        public string? PostalCode { get; set; }
        public string? Country { get; set; }
        public string? PhoneNumber { get; set; }
    }

    public sealed class UserCredentials
    {
        public string? UserName { get; set; }
        public string? Password { get; set; }
    }

    /// <summary>A page of a collection (GET /v1/customers?filter=…).</summary>
    public sealed class Collection<T>
    {
        public int TotalCount { get; set; }
        public List<T> Items { get; set; } = [];
    }

    /// <summary>A page of a seek-based collection: the next page is asked for with its continuation token.</summary>
    public sealed class SeekCollection<T>
    {
        public int TotalCount { get; set; }
        public List<T> Items { get; set; } = [];
        public string? ContinuationToken { get; set; }
    }

    /// <summary>A daily rated usage line item (GET /v1/invoices/unbilled/lineitems?…&amp;invoicelineitemtype=usagelineitems).</summary>
    public sealed class UsageLineItem
    {
        public string? CustomerId { get; set; }
        public string? CustomerName { get; set; }
        public string? CustomerDomainName { get; set; }
        public string? ProductName { get; set; }
        public string? SubscriptionId { get; set; }
        public DateTime? UsageDate { get; set; }
        public string? MeterId { get; set; }
        public string? MeterName { get; set; }
        public string? MeterCategory { get; set; }
        public string? MeterRegion { get; set; }
        public string? UnitOfMeasure { get; set; }
        public string? ResourceUri { get; set; }
        public string? ChargeType { get; set; }
        public decimal Quantity { get; set; }
        public decimal BillingPreTaxTotal { get; set; }
        public string? BillingCurrency { get; set; }
    }

    /// <summary>The link a customer's global admin follows to accept the partner as its reseller.</summary>
    public sealed class RelationshipRequest
    {
        public string? Url { get; set; }
    }

    /// <summary>A customer's acceptance of a Microsoft agreement (POST /v1/customers/{id}/agreements).</summary>
    public sealed class Agreement
    {
        public Contact? PrimaryContact { get; set; }
        public DateTime? DateAgreed { get; set; }
        public string? TemplateId { get; set; }
        public string? Type { get; set; }
    }

    public sealed class Contact
    {
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Email { get; set; }
        public string? PhoneNumber { get; set; }
    }

    /// <summary>A cart of new-commerce line items for a customer (POST /v1/customers/{id}/carts).</summary>
    public sealed class Cart
    {
        public string? Id { get; set; }
        public List<CartLineItem> LineItems { get; set; } = [];
    }

    public sealed class CartLineItem
    {
        public int Id { get; set; }
        /// <summary>ProductId:SkuId:AvailabilityId.</summary>
        public string? CatalogItemId { get; set; }
        public int Quantity { get; set; }
        /// <summary>"monthly", "annual", "triennial" or "one_time".</summary>
        public string? BillingCycle { get; set; }
        public string? TermDuration { get; set; }
    }

    /// <summary>What checking a cart out created: its orders (POST …/carts/{id}/checkout).</summary>
    public sealed class CartCheckoutResult
    {
        public List<Order> Orders { get; set; } = [];
    }

    public sealed class Order
    {
        public string? Id { get; set; }
        public string? Status { get; set; }
        public List<OrderLineItem> LineItems { get; set; } = [];
    }

    public sealed class OrderLineItem
    {
        public int LineItemNumber { get; set; }
        public string? OfferId { get; set; }
        public string? SubscriptionId { get; set; }
        public int Quantity { get; set; }
    }

    /// <summary>A customer's subscription (GET and PATCH /v1/customers/{id}/subscriptions/{subscription-id}).</summary>
    public sealed class Subscription
    {
        public string? Id { get; set; }
        public string? OfferId { get; set; }
        public int? Quantity { get; set; }
        /// <summary>"active", "suspended", "deleted".</summary>
        public string? Status { get; set; }
        public bool? AutoRenewEnabled { get; set; }
        public string? BillingCycle { get; set; }
        public string? TermDuration { get; set; }
        public DateTimeOffset? CreationDate { get; set; }
        public DateTimeOffset? CommitmentEndDate { get; set; }
        public string? OrderId { get; set; }
    }

    /// <summary>What Partner Center answers with an error status.</summary>
    public sealed class Error
    {
        public int Code { get; set; }
        public string? Description { get; set; }
        public string? Source { get; set; }
    }

    /// <summary>A user of the customer's tenant (GET and POST /v1/customers/{id}/users).</summary>
    public sealed class User
    {
        public string? Id { get; set; }
        public string? UserPrincipalName { get; set; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? DisplayName { get; set; }
        public string? UsageLocation { get; set; }
        public PasswordProfile? PasswordProfile { get; set; }
        public string? State { get; set; }
    }

    public sealed class PasswordProfile
    {
        public string? Password { get; set; }
        public bool ForceChangePassword { get; set; }
    }

    /// <summary>A SKU the customer has licences of, with how many are bought and assigned (GET …/subscribedskus).</summary>
    public sealed class SubscribedSku
    {
        public int TotalUnits { get; set; }
        public int ConsumedUnits { get; set; }
        public int AvailableUnits { get; set; }
        public ProductSku? ProductSku { get; set; }
    }

    public sealed class ProductSku
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
    }

    /// <summary>A licence a user holds (GET …/users/{user-id}/licenses).</summary>
    public sealed class License
    {
        public ProductSku? ProductSku { get; set; }
    }

    /// <summary>Licences to assign to and remove from a user (POST …/users/{user-id}/licenseupdates).</summary>
    public sealed class LicenseUpdate
    {
        public List<LicenseAssignment>? LicensesToAssign { get; set; }
        public List<string>? LicensesToRemove { get; set; }
    }

    public sealed class LicenseAssignment
    {
        public string? SkuId { get; set; }
    }

    /// <summary>A catalog item a subscription can move to, and whether it may (GET …/transitionEligibilities).</summary>
    public sealed class TransitionEligibility
    {
        public string? CatalogItemId { get; set; }
        public string? Title { get; set; }
        public int Quantity { get; set; }
        public List<Eligibility> Eligibilities { get; set; } = [];
    }

    public sealed class Eligibility
    {
        public bool IsEligible { get; set; }
        public string? TransitionType { get; set; }
    }

    /// <summary>A move of a subscription's seats to another catalog item (POST …/transitions).</summary>
    public sealed class Transition
    {
        public string? FromCatalogItemId { get; set; }
        public string? FromSubscriptionId { get; set; }
        public string? ToCatalogItemId { get; set; }
        public string? ToSubscriptionId { get; set; }
        public int Quantity { get; set; }
        public string? TermDuration { get; set; }
        public string? BillingCycle { get; set; }
        public string? TransitionType { get; set; }
        public string? Status { get; set; }
    }
}
