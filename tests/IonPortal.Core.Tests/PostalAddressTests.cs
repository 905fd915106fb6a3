using IonPortal.Core.Approvals;
using IonPortal.Core.Customers;
using IonPortal.Core.Validation;

namespace IonPortal.Core.Tests;

public class PostalAddressTests
{
    private static FieldErrors Check(string country, string postalCode, string? state)
    {
        var errors = new FieldErrors();
        PostalAddresses.Validate(new PostalAddress("1 Main St", "Town", state, postalCode, country), errors);
        return errors;
    }

    [Theory]
    [InlineData("US", "94105", "CA")]
    [InlineData("US", "94105-1420", "ny")]
    [InlineData("CA", "K1A 0B1", "ON")]
    [InlineData("CA", "k1a0b1", "qc")]
    [InlineData("MX", "06600", "Ciudad de México")]
    [InlineData("BR", "01310-100", "SP")]
    [InlineData("BR", "01310100", "RJ")]
    [InlineData("CO", "110111", "Bogotá D.C.")]
    [InlineData("AR", "C1002AAP", "CABA")]
    [InlineData("AR", "1002", "Buenos Aires")]
    [InlineData("CL", "8320000", "Región Metropolitana")]
    [InlineData("PE", "15001", "Lima")]
    [InlineData("ES", "28013", "Madrid")]
    [InlineData("GB", "SW1A 1AA", null)]
    [InlineData("GB", "ec1a1bb", null)]
    [InlineData("DE", "10115", null)]
    public void Valid_addresses_pass(string country, string postalCode, string? state) =>
        Assert.True(Check(country, postalCode, state).IsEmpty);

    [Theory]
    [InlineData("US", "9410", "CA")]
    [InlineData("US", "94105-14", "CA")]
    [InlineData("CA", "123456", "ON")]
    [InlineData("CA", "D1A 0B1", "ON")]      // D is not used in Canadian postal codes
    [InlineData("MX", "0660", "Jalisco")]
    [InlineData("BR", "1310-100", "SP")]
    [InlineData("CO", "11011", "Antioquia")]
    [InlineData("AR", "C1002", "CABA")]
    [InlineData("CL", "832000", "Biobío")]
    [InlineData("PE", "150011", "Lima")]
    [InlineData("ES", "53013", "Madrid")]     // provinces run 01–52
    [InlineData("GB", "12345", null)]
    [InlineData("DE", "1011", null)]
    public void A_postal_code_must_match_the_country(string country, string postalCode, string? state) =>
        Assert.Equal(Problems.PostalCodeInvalid, Check(country, postalCode, state)["PostalCode"]);

    [Theory]
    [InlineData("US")]
    [InlineData("CA")]
    [InlineData("MX")]
    [InlineData("BR")]
    [InlineData("CO")]
    [InlineData("AR")]
    [InlineData("CL")]
    [InlineData("PE")]
    [InlineData("ES")]
    public void Countries_with_states_require_one(string country)
    {
        var example = PostalAddresses.Find(country)!.PostalCodeExample.Split(' ')[0];
        Assert.Equal(Problems.StateRequired, Check(country, example, null)["State"]);
    }

    [Fact]
    public void States_are_checked_against_the_known_codes_where_there_is_a_list()
    {
        Assert.Equal(Problems.StateUnknown, Check("US", "94105", "California")["State"]);
        Assert.Equal(Problems.StateUnknown, Check("CA", "K1A 0B1", "XX")["State"]);
        Assert.True(Check("GB", "SW1A 1AA", "Greater London").IsEmpty);    // optional where a country has none
    }

    [Fact]
    public void Missing_and_unknown_fields_are_reported_each()
    {
        var errors = new FieldErrors();
        PostalAddresses.Validate(new PostalAddress(" ", "", null, "", "FR"), errors);

        Assert.Equal(Problems.StreetRequired, errors["Street"]);
        Assert.Equal(Problems.CityRequired, errors["City"]);
        Assert.Equal(Problems.CountryRequired, errors["Country"]);
    }

    [Fact]
    public void Addresses_are_stored_in_the_countrys_usual_spelling()
    {
        Assert.Equal(new PostalAddress("1 Main St", "Ottawa", "ON", "K1A 0B1", "CA"), PostalAddresses.Normalize(new(" 1 Main St ", "Ottawa", "on", "k1a0b1", "ca")));
        Assert.Equal("EC1A 1BB", PostalAddresses.Normalize(new("x", "London", null, "ec1a1bb", "GB")).PostalCode);
        Assert.Equal("Jalisco", PostalAddresses.Normalize(new("x", "Guadalajara", "Jalisco", "44100", "MX")).State);
    }
}

public class SignUpDomainListTests
{
    [Theory]
    [InlineData("ana@contoso.com", true)]
    [InlineData("ana@CONTOSO.com", true)]
    [InlineData("ana@mail.contoso.com", true)]
    [InlineData("ana@notcontoso.com", false)]
    [InlineData("ana@fabrikam.com", false)]
    public void An_allow_list_admits_only_its_domains_and_their_subdomains(string email, bool accepted) =>
        Assert.Equal(accepted, new SignUpSettings { AllowedDomains = ["contoso.com", " @Partner.example "] }.AcceptsEmail(email));

    [Theory]
    [InlineData("bob@gmail.com", false)]
    [InlineData("bob@GMAIL.COM", false)]
    [InlineData("bob@eu.mailinator.com", false)]
    [InlineData("bob@contoso.com", true)]
    public void A_block_list_refuses_its_domains(string email, bool accepted) =>
        Assert.Equal(accepted, new SignUpSettings { BlockedDomains = ["gmail.com", "mailinator.com"] }.AcceptsEmail(email));

    [Fact]
    public void The_block_list_wins_over_the_allow_list() =>
        Assert.False(new SignUpSettings { AllowedDomains = ["contoso.com"], BlockedDomains = ["labs.contoso.com"] }.AcceptsEmail("x@labs.contoso.com"));

    [Theory]
    [InlineData("US", "San Francisco", "CA", "94105", "San Francisco, CA 94105")]
    [InlineData("CA", "Ottawa", "ON", "K1A 0B1", "Ottawa, ON K1A 0B1")]
    [InlineData("GB", "London", null, "SW1A 1AA", "London SW1A 1AA")]
    [InlineData("DE", "Berlin", null, "10115", "10115 Berlin")]
    [InlineData("MX", "Ciudad de México", "CDMX", "06600", "06600 Ciudad de México, CDMX")]
    public void The_locality_reads_in_the_countrys_own_order(string country, string city, string? state, string postalCode, string expected) =>
        Assert.Equal(expected, PostalAddresses.Locality(new PostalAddress("1 Main St", city, state, postalCode, country)));
}
