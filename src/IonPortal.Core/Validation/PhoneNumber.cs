namespace IonPortal.Core.Validation;

public static class PhoneNumber
{
    /// <summary>A phone number as people write it: 7 to 30 characters of digits, spaces and + ( ) - ., with at least 7 digits.</summary>
    public static bool IsValid(string? phone) =>
        phone is { Length: >= 7 and <= 30 } && phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-' or '.') && phone.Count(char.IsAsciiDigit) >= 7;
}
