using System.Globalization;
using IonPortal.Core.Storefronts;

namespace IonPortal.Web.Components.Storefront;

/// <summary>A catalog query as URL parameters (?q=, vendor=, category=, page=) and back.</summary>
public static class CatalogQueries
{
    public static CatalogQuery From(string? q, string? vendor, string? category, int page) =>
        new(string.IsNullOrWhiteSpace(q) ? null : q.Trim(), Guid.TryParse(vendor, out var v) ? v : null,
            string.IsNullOrWhiteSpace(category) ? null : category, Math.Max(1, page));

    public static Dictionary<string, string?> ToParameters(CatalogQuery query) => new()
    {
        ["q"] = query.Search,
        ["vendor"] = query.VendorId?.ToString(),
        ["category"] = query.Category,
        ["page"] = query.Page > 1 ? query.Page.ToString(CultureInfo.InvariantCulture) : null,
    };
}
