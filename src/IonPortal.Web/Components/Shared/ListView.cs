using IonPortal.Core.Paging;

namespace IonPortal.Web.Components.Shared;

/// <summary>
/// What a list shows, as its address carries it (<c>?q=…&amp;sort=…&amp;desc=true&amp;page=3</c> and
/// its filters), so a copied link or a reload shows the same view. Read from the query string
/// without trusting it: unknown sorts, junk pages and filters fall back to the defaults.
/// </summary>
public sealed class ListView
{
    private readonly string _defaultSort;
    private readonly bool _defaultDescending;

    public ListView(string defaultSort, bool defaultDescending = false) =>
        (_defaultSort, _defaultDescending, Sort, Descending) = (defaultSort, defaultDescending, defaultSort, defaultDescending);

    public string? Search { get; set; }

    public string Sort { get; set; }

    public bool Descending { get; set; }

    /// <summary>1-based, as people count pages.</summary>
    public int Page { get; set; } = 1;

    public int Size { get; set; } = PageRequest.DefaultSize;

    /// <summary>Filters by name (status, customer, …); null or empty means "any".</summary>
    public Dictionary<string, string?> Filters { get; } = new(StringComparer.Ordinal);

    public static ListView Read(string? search, string? sort, string? desc, string? page, IReadOnlyCollection<string> sortable, string defaultSort, bool defaultDescending = false) =>
        new(defaultSort, defaultDescending)
        {
            Search = QueryValues.Text(search),
            Sort = QueryValues.OneOf(sort, sortable, defaultSort),
            Descending = desc is null ? defaultDescending : QueryValues.Flag(desc),
            Page = QueryValues.Number(page, 1),
        };

    public void ResetSort() => (Sort, Descending) = (_defaultSort, _defaultDescending);

    /// <summary>The direction a grid column starts with: the view's sort, when it is this column's.</summary>
    public MudBlazor.SortDirection Direction(string sortKey) =>
        Sort != sortKey ? MudBlazor.SortDirection.None : Descending ? MudBlazor.SortDirection.Descending : MudBlazor.SortDirection.Ascending;

    public PageRequest ToPageRequest() => new(Page, Size, Sort, Descending);

    /// <summary>The query string parameters of this view; defaults are left out so links stay short.</summary>
    public IReadOnlyDictionary<string, object?> ToQuery()
    {
        var query = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["q"] = Search,
            ["sort"] = Sort == _defaultSort ? null : Sort,
            ["desc"] = Descending == _defaultDescending ? null : Descending ? "true" : "false",
            ["page"] = Page > 1 ? Page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        foreach (var (name, value) in Filters)
            query[name] = string.IsNullOrEmpty(value) ? null : value;
        return query;
    }
}
