using IonPortal.Core.Paging;
using Microsoft.AspNetCore.WebUtilities;

namespace IonPortal.Web.Components.Shared;

/// <summary>
/// A list page's state as its URL carries it (<c>?q=…&amp;sort=…&amp;desc=true&amp;page=3</c>), so
/// searching, sorting and paging are links that work without JavaScript and can be bookmarked.
/// </summary>
public sealed record ListQuery(string Path, string? Search, string? Sort, bool Descending, int Page, IReadOnlyDictionary<string, string?>? Filters = null)
{
    public PageRequest ToPageRequest(int size = PageRequest.DefaultSize) => new(Page, size, Sort, Descending);

    public string Url(int? page = null) => Build(Sort, Descending, page ?? Page);

    /// <summary>Sorting starts again at the first page.</summary>
    public string SortUrl(string column, bool descending) => Build(column, descending, 1);

    private string Build(string? sort, bool descending, int page)
    {
        var query = new Dictionary<string, string?>();
        foreach (var (key, value) in Filters ?? new Dictionary<string, string?>())
            query[key] = value;
        query["q"] = Search;
        query["sort"] = sort;
        query["desc"] = descending ? "true" : null;
        query["page"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return QueryHelpers.AddQueryString(Path, query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }
}
