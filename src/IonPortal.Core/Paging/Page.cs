using Microsoft.EntityFrameworkCore;

namespace IonPortal.Core.Paging;

/// <summary>One page of a list that is paged in the database.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Number, int Size, int TotalCount)
{
    public int PageCount => TotalCount == 0 ? 1 : (TotalCount + Size - 1) / Size;

    public bool HasPrevious => Number > 1;

    public bool HasNext => Number < PageCount;

    public int FirstItem => TotalCount == 0 ? 0 : (Number - 1) * Size + 1;

    public int LastItem => Math.Min(Number * Size, TotalCount);
}

/// <summary>Which page, how big, sorted by which column and direction (as a URL carries them).</summary>
public sealed record PageRequest(int Number = 1, int Size = PageRequest.DefaultSize, string? Sort = null, bool Descending = false)
{
    public const int DefaultSize = 25;
    public const int MaxSize = 200;

    /// <summary>Clamps what a URL asked for to sane bounds.</summary>
    public PageRequest Normalized() => this with
    {
        Number = Math.Max(1, Number),
        Size = Size is < 1 or > MaxSize ? DefaultSize : Size,
    };
}

public static class PagingExtensions
{
    /// <summary>Counts and fetches one page; a page past the end falls back to the last one.</summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> ordered, PageRequest request, CancellationToken ct = default)
    {
        request = request.Normalized();
        var total = await ordered.CountAsync(ct);
        var lastPage = Math.Max(1, (total + request.Size - 1) / request.Size);
        var number = Math.Min(request.Number, lastPage);
        var items = await ordered.Skip((number - 1) * request.Size).Take(request.Size).ToListAsync(ct);
        return new Page<T>(items, number, request.Size, total);
    }
}
