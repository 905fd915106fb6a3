using IonPortal.Web.Tenancy;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IonPortal.Web.Account;

/// <summary>
/// Absolute URLs for emails: <c>Portal:PublicUrl</c> when set (production), otherwise the address
/// the session's pages were served from, and for background work the address this node listens on.
/// </summary>
public sealed class PortalLinks(IConfiguration configuration, PortalSession session, IServer server)
{
    public string BaseUrl =>
        configuration["Portal:PublicUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/')
        : session.BaseUrl ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/') ?? "http://localhost";

    public string Absolute(string relative) => BaseUrl + "/" + relative.TrimStart('/');
}
