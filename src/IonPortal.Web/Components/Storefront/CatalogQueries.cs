using System.Globalization;
using IonPortal.Core.Storefronts;
using IonPortal.Web.Components.Shared;

namespace IonPortal.Web.Components.Storefront;

/// <summary>A catalog query as URL parameters (?q=, vendor=, category=, page=) and back; junk values are ignored.</summary>
public static class CatalogQueries
{
    public static CatalogQuery From(string? q, string? vendor, string? category, string? page) =>
        new(QueryValues.Text(q), QueryValues.Id(vendor), QueryValues.Text(category), QueryValues.Number(page, 1));

    public static Dictionary<string, string?> ToParameters(CatalogQuery query) => new()
    {
        ["q"] = query.Search,
        ["vendor"] = query.VendorId?.ToString(),
        ["category"] = query.Category,
        ["page"] = query.Page > 1 ? query.Page.ToString(CultureInfo.InvariantCulture) : null,
    };
}
