using System.Security.Claims;
using IonPortal.Core.Accounts;

namespace IonPortal.Web.Account;

/// <summary>What the sign-in cookie says about a person, and how to read it back.</summary>
public static class PortalClaims
{
    public const string Kind = "ionportal:kind";
    public const string ResellerId = "ionportal:reseller";
    public const string ResellerNickname = "ionportal:nickname";
    public const string CustomerId = "ionportal:customer";
    public const string DisplayName = "ionportal:name";

    /// <summary>Present while the person must set up two-factor sign-in before using the console.</summary>
    public const string TwoFactorSetupDue = "ionportal:two-factor-setup";

    public static UserKind? GetKind(this ClaimsPrincipal user) =>
        Enum.TryParse<UserKind>(user.FindFirstValue(Kind), out var kind) ? kind : null;

    public static Guid? GetResellerId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ResellerId), out var id) ? id : null;

    public static Guid? GetCustomerId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(CustomerId), out var id) ? id : null;

    public static Guid GetUserId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in."));

    public static string GetRole(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? "";

    /// <summary>The name to greet someone by: their display name, else their email.</summary>
    public static string GetGreetingName(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) is { Length: > 0 } name ? name : user.FindFirstValue(ClaimTypes.Email) ?? "";

    public static bool IsOperator(this ClaimsPrincipal user) => user.GetKind() == UserKind.Operator;
}
