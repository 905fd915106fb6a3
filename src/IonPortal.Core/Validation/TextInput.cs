namespace IonPortal.Core.Validation;

/// <summary>What people type, tidied the same way everywhere.</summary>
public static class TextInput
{
    /// <summary>Trimmed, or null when nothing but spaces was typed.</summary>
    public static string? TrimmedOrNull(this string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
