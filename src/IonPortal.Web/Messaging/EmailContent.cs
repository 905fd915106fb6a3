using System.Text;
using IonPortal.Core.Messaging;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace IonPortal.Web.Messaging;

/// <summary>Whose email it is: the reseller's name and colour, or the platform's.</summary>
public sealed record EmailBrand(string Name, string PrimaryColor)
{
    public static readonly EmailBrand Platform = new("IonPortal", "#1f3b57");
}

/// <summary>
/// What an email says, already in the recipient's language. One template renders every email's
/// HTML, and <see cref="ToText"/> its plain-text twin.
/// </summary>
public sealed record EmailContent(
    EmailBrand Brand,
    string Subject,
    string Heading,
    IReadOnlyList<string> Paragraphs,
    string? ActionText = null,
    string? ActionUrl = null,
    string? FinePrint = null)
{
    public string ToText()
    {
        var text = new StringBuilder().AppendLine(Heading).AppendLine();
        foreach (var paragraph in Paragraphs)
            text.AppendLine(paragraph).AppendLine();
        if (ActionUrl is not null)
            text.AppendLine($"{ActionText}: {ActionUrl}").AppendLine();
        if (FinePrint is not null)
            text.AppendLine(FinePrint).AppendLine();
        return text.Append("— ").AppendLine(Brand.Name).ToString();
    }
}

/// <summary>Renders emails with the Razor <see cref="EmailTemplate"/>, outside any page.</summary>
public sealed class EmailRenderer(IServiceProvider services, ILoggerFactory loggers)
{
    public async Task<OutgoingEmail> RenderAsync(string to, EmailContent content, Guid? resellerId)
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<EmailTemplate>(
                ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(EmailTemplate.Content)] = content }));
            return output.ToHtmlString();
        });
        return new OutgoingEmail(to, content.Subject, html, content.ToText(), resellerId);
    }
}
