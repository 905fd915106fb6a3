using System.Text.RegularExpressions;
using IonPortal.Core.Validation;

namespace IonPortal.Core.Customers;

/// <summary>A postal address; <see cref="Country"/> is an ISO 3166 alpha-2 code.</summary>
public sealed record PostalAddress(string? Street, string? City, string? State, string? PostalCode, string? Country)
{
    /// <summary>No address yet (a sign-up the reseller let in without one).</summary>
    public static readonly PostalAddress None = new(null, null, null, null, null);

    public bool IsBlank => new[] { Street, City, State, PostalCode, Country }.All(string.IsNullOrWhiteSpace);
}

/// <summary>
/// The countries customers can be in, how their postal codes look, and which ones need a state
/// (province, department, region) in an address.
/// </summary>
public static partial class PostalAddresses
{
    /// <summary>A supported country: its postal code format and whether (and which) states it needs.</summary>
    public sealed record Country(string Code, string Name, Regex PostalCode, string PostalCodeExample, bool NeedsState, IReadOnlyList<string> States);

    public static readonly IReadOnlyList<Country> Countries =
    [
        new("US", "United States", UsZip(), "94105 or 94105-1420", true,
            ["AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO",
             "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI"]),
        new("CA", "Canada", CanadaPostalCode(), "K1A 0B1", true, ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]),
        new("MX", "Mexico", FiveDigits(), "06600", true, []),
        new("BR", "Brazil", BrazilCep(), "01310-100", true,
            ["AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO"]),
        new("CO", "Colombia", SixDigits(), "110111", true, []),
        new("AR", "Argentina", ArgentinaCpa(), "C1002AAP or 1002", true, []),
        new("CL", "Chile", SevenDigits(), "8320000", true, []),
        new("PE", "Peru", FiveDigits(), "15001", true, []),
        new("ES", "Spain", SpainPostalCode(), "28013", true, []),
        new("GB", "United Kingdom", UkPostcode(), "SW1A 1AA", false, []),
        new("DE", "Germany", FiveDigits(), "10115", false, []),
    ];

    public static Country? Find(string? code) => Countries.FirstOrDefault(c => string.Equals(c.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Checks an address; field errors are keyed by <paramref name="prefix"/> + the field name
    /// (Street, City, State, PostalCode, Country), so forms show them next to their inputs.
    /// </summary>
    public static void Validate(PostalAddress address, FieldErrors errors, string prefix = "")
    {
        Required(address.Street, prefix + nameof(address.Street), Problems.StreetRequired, errors);
        Required(address.City, prefix + nameof(address.City), Problems.CityRequired, errors);
        var country = Find(address.Country);
        if (country is null)
        {
            errors.Add(prefix + nameof(address.Country), Problems.CountryRequired);
            return;
        }
        var postalCode = address.PostalCode?.Trim() ?? "";
        if (postalCode.Length == 0)
            errors.Add(prefix + nameof(address.PostalCode), Problems.PostalCodeRequired);
        else if (!country.PostalCode.IsMatch(postalCode))
            errors.Add(prefix + nameof(address.PostalCode), Problems.PostalCodeInvalid);

        var state = address.State?.Trim() ?? "";
        if (country.NeedsState && state.Length == 0)
            errors.Add(prefix + nameof(address.State), Problems.StateRequired);
        else if (state.Length > 0 && country.States.Count > 0 && !country.States.Contains(state.ToUpperInvariant()))
            errors.Add(prefix + nameof(address.State), Problems.StateUnknown);
        else if (state.Length > 100)
            errors.Add(prefix + nameof(address.State), Problems.TooLong(200));
    }

    /// <summary>The address as stored: trimmed, codes in upper case, postal codes in the country's usual spelling.</summary>
    public static PostalAddress Normalize(PostalAddress address)
    {
        var country = Find(address.Country);
        var state = address.State?.Trim();
        var postalCode = address.PostalCode?.Trim().ToUpperInvariant() ?? "";
        if (country?.Code is "CA" or "GB" && !postalCode.Contains(' ') && postalCode.Length > 3)
            postalCode = postalCode[..^3] + " " + postalCode[^3..];
        return new PostalAddress(address.Street?.Trim(), address.City?.Trim(),
            string.IsNullOrEmpty(state) ? null : country?.States.Count > 0 ? state.ToUpperInvariant() : state,
            postalCode, country?.Code);
    }

    /// <summary>
    /// The line with city, state and postal code, in the order the country writes it:
    /// "San Francisco, CA 94105", "London SW1A 1AA", "10115 Berlin", "06600 Ciudad de México, CDMX".
    /// </summary>
    public static string Locality(PostalAddress address)
    {
        var state = string.IsNullOrWhiteSpace(address.State) ? "" : $", {address.State}";
        return (address.Country?.ToUpperInvariant() switch
        {
            "US" or "CA" => $"{address.City}{state} {address.PostalCode}",
            "GB" => $"{address.City} {address.PostalCode}",
            _ => $"{address.PostalCode} {address.City}{state}",
        }).Trim();
    }

    private static void Required(string? value, string field, Problem problem, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            errors.Add(field, problem);
        else if (value.Trim().Length > 200)
            errors.Add(field, Problems.TooLong(200));
    }

    [GeneratedRegex(@"^\d{5}(-\d{4})?$")] private static partial Regex UsZip();
    [GeneratedRegex(@"^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$", RegexOptions.IgnoreCase)] private static partial Regex CanadaPostalCode();
    [GeneratedRegex(@"^\d{5}$")] private static partial Regex FiveDigits();
    [GeneratedRegex(@"^\d{6}$")] private static partial Regex SixDigits();
    [GeneratedRegex(@"^\d{7}$")] private static partial Regex SevenDigits();
    [GeneratedRegex(@"^\d{5}-?\d{3}$")] private static partial Regex BrazilCep();
    [GeneratedRegex(@"^([A-HJ-NP-Z]\d{4}[A-Z]{3}|\d{4})$", RegexOptions.IgnoreCase)] private static partial Regex ArgentinaCpa();
    [GeneratedRegex(@"^(0[1-9]|[1-4]\d|5[0-2])\d{3}$")] private static partial Regex SpainPostalCode();
    [GeneratedRegex(@"^([A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|GIR ?0AA)$", RegexOptions.IgnoreCase)] private static partial Regex UkPostcode();
}
