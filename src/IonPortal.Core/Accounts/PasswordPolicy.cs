using Microsoft.AspNetCore.Identity;

namespace IonPortal.Core.Accounts;

/// <summary>
/// The portal's one password rule: long enough, and nothing else (length makes a password strong;
/// rules about digits and symbols only make it hard to remember). Identity enforces it on accounts,
/// a sign-up checks it before its account exists, and the forms say it.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 8;

    public static bool IsLongEnough(string? password) => password?.Length >= MinimumLength;

    public static void Apply(PasswordOptions options)
    {
        options.RequiredLength = MinimumLength;
        options.RequireDigit = false;
        options.RequireLowercase = false;
        options.RequireUppercase = false;
        options.RequireNonAlphanumeric = false;
        options.RequiredUniqueChars = 1;
    }
}
