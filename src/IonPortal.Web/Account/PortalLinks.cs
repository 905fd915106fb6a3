using IonPortal.Web.Tenancy;

namespace IonPortal.Web.Account;

/// <summary>
/// Absolute URLs for emails: <c>Portal:PublicUrl</c> when set (production, and background work),
/// otherwise the address the session's pages were served from.
/// </summary>
public sealed class PortalLinks(IConfiguration configuration, PortalSession session)
{
    public string BaseUrl =>
        configuration["Portal:PublicUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/')
        : session.BaseUrl ?? throw new InvalidOperationException("Set Portal:PublicUrl to build links outside a browser session.");

    public string Absolute(string relative) => BaseUrl + "/" + relative.TrimStart('/');
}
