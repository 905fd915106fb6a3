using System.Globalization;
using System.Text;

namespace IonPortal.Core.Billing;

/// <summary>
/// CSV as spreadsheets read it back: RFC 4180 (comma, CRLF, fields quoted when they hold a quote,
/// comma or line break), numbers unformatted in the invariant culture, dates ISO 8601. The download
/// adds the UTF-8 byte-order mark so Excel picks the encoding.
/// </summary>
public static class CsvText
{
    public static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    public static void Row(StringBuilder csv, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
                csv.Append(',');
            first = false;
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
                csv.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else
                csv.Append(field);
        }
        csv.Append("\r\n");
    }

    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The text as a downloadable file: UTF-8 with its byte-order mark.</summary>
    public static byte[] File(string csv) => [.. ByteOrderMark, .. Encoding.UTF8.GetBytes(csv)];
}
