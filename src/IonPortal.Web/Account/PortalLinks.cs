namespace IonPortal.Web.Account;

/// <summary>
/// Absolute URLs for emails. <c>Portal:PublicUrl</c> wins when set (behind a proxy, or for
/// background jobs); otherwise the URL the current request came in on.
/// </summary>
public sealed class PortalLinks(IHttpContextAccessor http, IConfiguration configuration)
{
    public string BaseUrl
    {
        get
        {
            var configured = configuration["Portal:PublicUrl"];
            if (!string.IsNullOrWhiteSpace(configured))
                return configured.TrimEnd('/');
            var request = http.HttpContext?.Request
                ?? throw new InvalidOperationException("Set Portal:PublicUrl to build links outside a request.");
            return $"{request.Scheme}://{request.Host}{request.PathBase}";
        }
    }

    public string Absolute(string relative) => BaseUrl + "/" + relative.TrimStart('/');
}
