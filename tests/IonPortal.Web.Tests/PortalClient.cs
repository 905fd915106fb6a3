using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using IonPortal.Web.Demo;

namespace IonPortal.Web.Tests;

/// <summary>
/// A browser-like HTTP client: keeps cookies, parses pages with AngleSharp and submits their real
/// forms, hidden fields included (antiforgery token, Blazor's <c>_handler</c>), as a browser would.
/// </summary>
public sealed class PortalClient(HttpClient http)
{

    /// <summary>A field value that unticks a checkbox (the browser then posts nothing for it).</summary>
    public const string Unchecked = "\0unchecked";

    public HttpClient Http => http;

    public async Task<Page> GetAsync(string url)
    {
        using var response = await http.GetAsync(url);
        return await Page.ReadAsync(response, url);
    }

    /// <summary>Submits the page's Blazor form with this <c>FormName</c> (its <c>_handler</c> field).</summary>
    public Task<Page> SubmitFormAsync(Page page, string formName, IDictionary<string, string>? fields = null) =>
        SubmitAsync(page, page.Document.QuerySelectorAll<IHtmlFormElement>("form")
            .FirstOrDefault(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == formName)
            ?? throw new InvalidOperationException($"No form '{formName}' on {page.Url} ({(int)page.Status}, redirecting to {page.RedirectTo}): {page.Title} {page.Text[..Math.Min(300, page.Text.Length)]}"), fields);

    /// <summary>Submits the form matching a CSS selector (plain forms such as sign-out).</summary>
    public Task<Page> SubmitAsync(Page page, string formSelector, IDictionary<string, string>? fields = null) =>
        SubmitAsync(page, page.Document.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}: {page.Title}"), fields);

    /// <summary>Fills the form (fields by name) and posts it as a browser would.</summary>
    public async Task<Page> SubmitAsync(Page page, IHtmlFormElement form, IDictionary<string, string>? fields = null)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } check when check.IsChecked && !string.IsNullOrEmpty(check.Name):
                    values.Add(new(check.Name!, check.Value));
                    break;
                case IHtmlInputElement { Type: not ("checkbox" or "radio" or "submit" or "button") } input when !string.IsNullOrEmpty(input.Name):
                    values.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    values.Add(new(select.Name!, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values.Add(new(area.Name!, area.Value));
                    break;
            }
        }
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            // Like a person in a browser, a test can only fill in fields the form actually has,
            // and press only buttons it shows.
            var named = form.Elements.Where(e => e.GetAttribute("name") == name).ToList();
            if (named.Count == 0)
                throw new InvalidOperationException($"The form on {page.Url} has no field named '{name}'.");
            if (named.All(e => e is IHtmlButtonElement) && named.All(e => e.GetAttribute("value") != value))
                throw new InvalidOperationException($"The form on {page.Url} has no '{name}' button with the value '{value}'.");
            values.RemoveAll(v => v.Key == name);
            if (value != Unchecked)
                values.Add(new(name, value));
        }

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? page.Url : form.GetAttribute("action")!;
        using var response = await http.PostAsync(action, new FormUrlEncodedContent(values));
        return await Page.ReadAsync(response, action);
    }

    /// <summary>Follows redirects (as a browser does after a form post) and returns the final page.</summary>
    public async Task<Page> FollowAsync(Page page)
    {
        for (var hops = 0; page.RedirectTo is { } next && hops < 10; hops++)
            page = await GetAsync(next.StartsWith("http", StringComparison.Ordinal) ? new Uri(next).PathAndQuery : next);
        return page;
    }

    /// <summary>Signs in to the console, answering the code step with the person's authenticator key when asked (the demo operator's by default).</summary>
    public async Task<Page> SignInToConsoleAsync(string email, string password = DemoData.Password, string? authenticatorKey = null)
    {
        var form = await GetAsync("/account/signin");
        var page = await FollowAsync(await SubmitFormAsync(form, "signin", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password }));
        if ((authenticatorKey ?? Authenticator.DemoKeyFor(email)) is { } key && page.Url.StartsWith("/account/two-factor?", StringComparison.Ordinal))
            page = await FollowAsync(await SubmitFormAsync(page, "two-factor", new Dictionary<string, string> { ["Input.Code"] = Authenticator.CodeFor(key) }));
        return page;
    }

    public async Task<Page> SignInToStorefrontAsync(string nickname, string email, string password = DemoData.Password)
    {
        var form = await GetAsync($"/v2c/signin?accountName={nickname}");
        return await FollowAsync(await SubmitFormAsync(form, "signin", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password }));
    }
}

/// <summary>A response as a page: status, where it redirects, and its parsed HTML.</summary>
public sealed class Page
{
    private Page(HttpStatusCode status, string url, string? redirectTo, string html, IHtmlDocument document) =>
        (Status, Url, RedirectTo, Html, Document) = (status, url, redirectTo, html, document);

    public HttpStatusCode Status { get; }
    public string Url { get; }
    public string? RedirectTo { get; }
    public string Html { get; }
    public IHtmlDocument Document { get; }

    public string Text => Document.Body?.TextContent ?? "";

    public string? Title => Document.Title;

    public static async Task<Page> ReadAsync(HttpResponseMessage response, string url)
    {
        var html = await response.Content.ReadAsStringAsync();
        var redirect = (int)response.StatusCode is >= 300 and < 400 ? response.Headers.Location?.OriginalString : null;
        var document = (IHtmlDocument)await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html).Address("http://localhost" + (url.StartsWith('/') ? url : "/" + url)));
        return new Page(response.StatusCode, url, redirect, html, document);
    }

    /// <summary>The validation message shown next to an input (what its aria-describedby points at, when the input is marked invalid).</summary>
    public string? ErrorFor(string inputId) =>
        Document.GetElementById(inputId)?.GetAttribute("aria-invalid") == "true" ? Components.RenderedPages.Describing(Document.ChildNodes, inputId) : null;

    public string? ValueOf(string inputId) => (Document.GetElementById(inputId) as IHtmlInputElement)?.Value;
}
