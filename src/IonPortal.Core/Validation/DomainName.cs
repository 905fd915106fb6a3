using System.Text.RegularExpressions;

namespace IonPortal.Core.Validation;

public static partial class DomainName
{
    /// <summary>An internet domain such as contoso.com or mail.contoso.co.uk (lower-case).</summary>
    public static bool IsValid(string? value) => value is { Length: <= 253 } && Pattern().IsMatch(value);

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")]
    private static partial Regex Pattern();
}
