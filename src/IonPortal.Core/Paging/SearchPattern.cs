namespace IonPortal.Core.Paging;

/// <summary>
/// What a person typed in a search box, as an ILIKE "contains" pattern: trimmed, without control
/// characters (PostgreSQL refuses a NUL in text), and with <c>%</c>, <c>_</c> and <c>\</c> matched
/// literally, so "50%" finds "50%" rather than everything starting with 50.
/// </summary>
public static class SearchPattern
{
    /// <summary>The pattern, or null when there is nothing to search for.</summary>
    public static string? Contains(string? search)
    {
        var text = new string((search ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (text.Length == 0)
            return null;
        return "%" + text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
    }
}
