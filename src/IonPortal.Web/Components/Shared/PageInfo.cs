namespace IonPortal.Web.Components.Shared;

/// <summary>The paging facts a <see cref="Pager"/> shows, whatever the page's item type.</summary>
public sealed record PageInfo(int Number, int PageCount, int TotalCount, int FirstItem, int LastItem)
{
    public bool HasPrevious => Number > 1;

    public bool HasNext => Number < PageCount;

    public static PageInfo Of<T>(IonPortal.Core.Paging.Page<T> page) =>
        new(page.Number, page.PageCount, page.TotalCount, page.FirstItem, page.LastItem);
}
