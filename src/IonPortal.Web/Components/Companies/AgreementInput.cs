using System.Globalization;
using IonPortal.Core.MicrosoftTenants;

namespace IonPortal.Web.Components.Companies;

/// <summary>Who accepted the Microsoft Customer Agreement and when, as a form holds it (named like the domain's field errors).</summary>
public class AgreementInput
{
    public string? SignerFirstName { get; set; }
    public string? SignerLastName { get; set; }
    public string? SignerEmail { get; set; }
    public string? SignerPhone { get; set; }

    /// <summary>yyyy-MM-dd, as a date input gives it.</summary>
    public string? DateAccepted { get; set; }

    public bool Attested { get; set; }

    public AgreementSigner Signer => new(SignerFirstName, SignerLastName, SignerEmail, SignerPhone);

    public DateOnly? Date => DateOnly.TryParseExact(DateAccepted, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>The form's fields, for a page whose form model is another object (see PortalValidator.Place).</summary>
    public static bool Owns(string field) => field.StartsWith("Signer", StringComparison.Ordinal) || field is nameof(DateAccepted) or nameof(Attested);
}
