using IonPortal.Core.Validation;
using System.Diagnostics.CodeAnalysis;

namespace IonPortal.Core.Resellers;

/// <summary>
/// A reseller's URL name, the storefront's <c>accountName</c>: 3 to 30 characters of
/// <c>a-z</c>, <c>0-9</c> and <c>-</c>, always stored lower-case so look-ups ignore case.
/// </summary>
public readonly record struct Nickname
{
    public const int MinLength = 3;
    public const int MaxLength = 30;

    private Nickname(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    /// <summary>Parses what a person typed (or a URL carried), ignoring case and surrounding spaces.</summary>
    public static bool TryParse(string? input, out Nickname nickname, [NotNullWhen(false)] out Problem? error)
    {
        nickname = default;
        var candidate = input?.Trim().ToLowerInvariant() ?? "";
        if (candidate.Length == 0)
        {
            error = Problems.NicknameRequired;
            return false;
        }
        if (candidate.Length is < MinLength or > MaxLength || !candidate.All(IsAllowed))
        {
            error = Problems.NicknameMalformed;
            return false;
        }
        error = null;
        nickname = new Nickname(candidate);
        return true;
    }

    public static Nickname Parse(string input) =>
        TryParse(input, out var nickname, out var error) ? nickname : throw new FormatException(error.Text);

    private static bool IsAllowed(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-';
}
