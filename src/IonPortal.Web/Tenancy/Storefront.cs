using System.Security.Claims;
using IonPortal.Core.Accounts;
using IonPortal.Core.Resellers;
using IonPortal.Web.Account;
using Microsoft.AspNetCore.WebUtilities;

namespace IonPortal.Web.Tenancy;

/// <summary>
/// The storefront a request is on. Each reseller has two: white-label under <c>/v2c</c> (its own
/// logo and colours) and platform-branded under <c>/marketplace</c>; both are picked by the
/// <c>accountName</c> query parameter, which every storefront link carries along.
/// </summary>
public sealed class Storefront(CurrentReseller current)
{
    public const string WhiteLabelPrefix = "/v2c";
    public const string PlatformPrefix = "/marketplace";
    public const string AccountNameParameter = "accountName";

    public Reseller Reseller => IsResolved ? current.Required : throw new InvalidOperationException("This request is not on a storefront.");

    public bool IsResolved { get; private set; }

    public bool IsWhiteLabel { get; private set; }

    public string Prefix => IsWhiteLabel ? WhiteLabelPrefix : PlatformPrefix;

    /// <summary>Whether the person is a customer user of this storefront's reseller (anyone else is a visitor here).</summary>
    public bool IsOwnCustomer(ClaimsPrincipal user) =>
        IsResolved && user.GetKind() == UserKind.Customer && user.GetResellerId() == Reseller.Id;

    public void Enter(bool whiteLabel) => (IsResolved, IsWhiteLabel) = (true, whiteLabel);

    /// <summary>A link to a storefront page, e.g. <c>Url("signin")</c> → <c>/v2c/signin?accountName=sesdemo</c>.</summary>
    public string Url(string page, IDictionary<string, string?>? query = null)
    {
        var parameters = new Dictionary<string, string?> { [AccountNameParameter] = Reseller.Nickname };
        foreach (var (key, value) in query ?? new Dictionary<string, string?>())
        {
            if (!string.IsNullOrEmpty(value))
                parameters[key] = value;
        }
        return QueryHelpers.AddQueryString($"{Prefix}/{page}", parameters);
    }

    public static bool IsStorefrontPath(PathString path, out bool whiteLabel)
    {
        whiteLabel = path.StartsWithSegments(WhiteLabelPrefix);
        return whiteLabel || path.StartsWithSegments(PlatformPrefix);
    }

    public static string WhiteLabelCatalogUrl(string nickname) => WhiteLabelUrl(nickname, "catalog");

    public static string WhiteLabelUrl(string nickname, string page) => $"{WhiteLabelPrefix}/{page}?{AccountNameParameter}={nickname}";

    public static string PlatformCatalogUrl(string nickname) => $"{PlatformPrefix}/catalog?{AccountNameParameter}={nickname}";
}
