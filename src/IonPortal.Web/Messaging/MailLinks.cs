using System.Net;
using System.Text.RegularExpressions;

namespace IonPortal.Web.Messaging;

public static partial class MailLinks
{
    /// <summary>The distinct links in an email's HTML, in order (what a developer wants to click).</summary>
    public static IReadOnlyList<string> In(string html) =>
        Href().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(u => u.StartsWith("http", StringComparison.Ordinal)).Distinct().ToList();

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
