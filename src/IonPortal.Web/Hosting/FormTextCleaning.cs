using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace IonPortal.Web.Hosting;

/// <summary>
/// Drops control characters (all but tab and line breaks) from a posted form before anything reads
/// it, as <c>QueryValues</c> does for query strings. Nobody types them; a pasted NUL made ASP.NET's
/// form reader throw (an error page instead of the form), and the others would reach PostgreSQL.
/// </summary>
public sealed partial class FormTextCleaning(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            request.EnableBuffering();
            var body = await new StreamReader(request.Body, leaveOpen: true).ReadToEndAsync(context.RequestAborted);
            request.Body.Position = 0;
            if (EncodedControlCharacter().IsMatch(body))
            {
                var fields = QueryHelpers.ParseQuery(EncodedControlCharacter().Replace(body, ""));
                context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(fields)));
            }
        }
        await next(context);
    }

    // A form body is URL-encoded, so a control character arrives as %00–%1F or %7F (tab %09, line feed %0A and carriage return %0D stay).
    [GeneratedRegex("%(?:0[0-8BCEF]|1[0-9A-F]|7F)", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedControlCharacter();
}
