using IonPortal.Core.Resellers;
using Microsoft.AspNetCore.WebUtilities;

namespace IonPortal.Web.Tenancy;

/// <summary>
/// The storefront a session is on. Each reseller has two: white-label under <c>/v2c</c> (its own
/// logo and colours) and platform-branded under <c>/marketplace</c>; both are picked by the
/// <c>accountName</c> query parameter, which every storefront link carries along.
/// </summary>
public sealed class Storefront(PortalSession session)
{
    public const string WhiteLabelPrefix = "/v2c";
    public const string PlatformPrefix = "/marketplace";
    public const string AccountNameParameter = "accountName";

    public Reseller Reseller => session.OnStorefront ? session.Reseller! : throw new InvalidOperationException("This session is not on a storefront.");

    public bool IsResolved => session.OnStorefront;

    public bool IsWhiteLabel => session.WhiteLabel == true;

    public string Prefix => IsWhiteLabel ? WhiteLabelPrefix : PlatformPrefix;

    /// <summary>Whether visitors and customers may browse the catalog: the storefront is on and the reseller shows the catalog area.</summary>
    public bool ShowsCatalog => Reseller.StorefrontEnabled && Reseller.PortalAreas.HasFlag(Core.Resellers.PortalAreas.Catalog);

    /// <summary>Whether the signed-in person works for a customer of this storefront's reseller (anyone else is a visitor here).</summary>
    public bool IsOwnCustomer => session.IsOwnCustomer;

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
