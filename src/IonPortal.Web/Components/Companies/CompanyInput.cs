using IonPortal.Core.Customers;

namespace IonPortal.Web.Components.Companies;

/// <summary>
/// A company's name, contact person and address as a form posts them, named like the domain's
/// field errors (FirstName, PostalCode, …) so each message lands next to its input.
/// </summary>
public class CompanyInput
{
    public string? CompanyName { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Title { get; set; }
    public string? Street { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
    public string? Country { get; set; }
    public string? PreferredLanguage { get; set; } = "en";

    public ContactDetails Contact => new(FirstName, LastName, Email, Phone, Title);

    public PostalAddress Address => new(Street, City, State, PostalCode, string.IsNullOrWhiteSpace(Country) ? null : Country);

    public void CopyFrom(Customer customer)
    {
        (CompanyName, FirstName, LastName, Email, Phone, Title) =
            (customer.CompanyName, customer.ContactFirstName, customer.ContactLastName, customer.ContactEmail, customer.ContactPhone, customer.ContactTitle);
        (Street, City, State, PostalCode, Country, PreferredLanguage) =
            (customer.Street, customer.City, customer.State, customer.PostalCode, customer.Country, customer.PreferredLanguage);
    }
}
