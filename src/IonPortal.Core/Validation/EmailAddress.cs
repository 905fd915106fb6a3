using System.Net.Mail;

namespace IonPortal.Core.Validation;

public static class EmailAddress
{
    /// <summary>A plain address (no display name) whose domain has at least one dot.</summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 254)
            return false;
        var trimmed = value.Trim();
        return MailAddress.TryCreate(trimmed, out var address)
            && address.Address == trimmed
            && address.Host.Contains('.')
            && !address.Host.StartsWith('.') && !address.Host.EndsWith('.');
    }
}
