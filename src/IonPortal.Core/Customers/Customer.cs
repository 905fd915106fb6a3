using IonPortal.Core.Data;
using IonPortal.Core.Tenancy;
using IonPortal.Core.Validation;

namespace IonPortal.Core.Customers;

public enum CustomerStatus
{
    /// <summary>Created but not yet allowed in: its users can't sign in or buy.</summary>
    Pending,
    Active,
    /// <summary>Blocked by the reseller: its users can't sign in or buy until it's active again.</summary>
    Suspended,
}

/// <summary>A customer's main contact person.</summary>
public sealed record ContactDetails(string? FirstName, string? LastName, string? Email, string? Phone, string? Title);

/// <summary>A reseller's end-customer company; its users sign in to the reseller's storefront.</summary>
public sealed class Customer : ITenantOwned, IChangeTagged
{
    public Guid Id { get; init; }

    public Guid ResellerId { get; init; }

    public string CompanyName { get; set; } = "";

    /// <summary>The company's internet domain (contoso.com), for finding it; from the contact's email by default.</summary>
    public string? Domain { get; set; }

    public string ContactFirstName { get; set; } = "";
    public string ContactLastName { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public string? ContactPhone { get; set; }
    public string? ContactTitle { get; set; }

    public string Street { get; set; } = "";
    public string City { get; set; } = "";
    public string? State { get; set; }
    public string PostalCode { get; set; } = "";
    public string Country { get; set; } = "";

    /// <summary>"en" or "es": the language of the emails the customer's people receive.</summary>
    public string PreferredLanguage { get; set; } = "en";

    public CustomerStatus Status { get; set; }

    /// <summary>The customer's currency; its default price book is in it.</summary>
    public string Currency { get; set; } = "USD";

    public Guid? PriceBookId { get; set; }

    public Guid? SupportPlanId { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>What customer search matches: company, contact, email and domain, kept by the database.</summary>
    public string SearchText { get; private set; } = "";

    public List<ProviderAuthorization> Authorizations { get; init; } = [];

    public ContactDetails Contact
    {
        get => new(ContactFirstName, ContactLastName, ContactEmail, ContactPhone, ContactTitle);
        set => (ContactFirstName, ContactLastName, ContactEmail, ContactPhone, ContactTitle) =
            (value.FirstName?.Trim() ?? "", value.LastName?.Trim() ?? "", value.Email?.Trim() ?? "", value.Phone.TrimmedOrNull(), value.Title.TrimmedOrNull());
    }

    public PostalAddress Address
    {
        get => new(Street, City, State, PostalCode, Country);
        set
        {
            var normalized = PostalAddresses.Normalize(value);
            (Street, City, State, PostalCode, Country) = (normalized.Street ?? "", normalized.City ?? "", normalized.State, normalized.PostalCode ?? "", normalized.Country ?? "");
        }
    }

    public string ContactName => $"{ContactFirstName} {ContactLastName}".Trim();

    // Customer changes can change what its users see (status, prices), never anonymous pages.
    IEnumerable<string> IChangeTagged.ChangeTags => [ChangeTags.Customer(Id)];
}

/// <summary>
/// A cloud provider a customer may buy from, with the price book (and its currency) that prices
/// it, and whether the customer may order and manage that provider's products in the storefront.
/// </summary>
public sealed class ProviderAuthorization : ITenantOwned, IChangeTagged
{
    public Guid CustomerId { get; init; }

    public Guid ResellerId { get; init; }

    /// <summary>A <see cref="Catalog.CloudProviders"/> code.</summary>
    public string Provider { get; init; } = "";

    public Guid PriceBookId { get; set; }

    public string Currency { get; set; } = "";

    public bool EnabledInPortal { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    IEnumerable<string> IChangeTagged.ChangeTags => [ChangeTags.Customer(CustomerId)];
}
