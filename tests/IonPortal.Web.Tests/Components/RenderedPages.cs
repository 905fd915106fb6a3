using AngleSharp.Dom;
using Bunit;
using IonPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace IonPortal.Web.Tests.Components;

/// <summary>What a person does on a rendered page: type, choose, press, and read what it says next to a field.</summary>
public static class RenderedPages
{
    /// <summary>Types into a text field (the change the field sees when the person leaves it).</summary>
    public static void Type<T>(this IRenderedComponent<T> page, string inputId, string value) where T : class, IComponent =>
        page.Find($"#{inputId}").Change(value);

    /// <summary>Picks an option of a <see cref="PortalSelect{TValue}"/> (a MudBlazor select in a circuit).</summary>
    public static Task ChooseAsync<T, TValue>(this IRenderedComponent<T> page, string id, TValue? value) where T : class, IComponent =>
        page.InvokeAsync(() => page.FindComponents<PortalSelect<TValue>>().Single(s => s.Instance.Id == id).Instance.ValueChanged.InvokeAsync(value));

    /// <summary>The options a <see cref="PortalSelect{TValue}"/> offers, as the person reads them.</summary>
    public static IReadOnlyList<string> OptionsOf<T, TValue>(this IRenderedComponent<T> page, string id) where T : class, IComponent =>
        page.FindComponents<PortalSelect<TValue>>().Single(s => s.Instance.Id == id).Instance.Options.Select(o => o.Text).ToList();

    /// <summary>Submits the page's form (the one holding this input, or the only one).</summary>
    public static Task SubmitAsync<T>(this IRenderedComponent<T> page, string? inputId = null) where T : class, IComponent =>
        (inputId is null ? page.Find("form") : page.Find($"#{inputId}").Closest("form")!).SubmitAsync();

    /// <summary>Presses the button (or link button) whose text is this, once the page shows it (lists load after the first render).</summary>
    public static Task PressAsync<T>(this IRenderedComponent<T> page, string text) where T : class, IComponent
    {
        IEnumerable<AngleSharp.Dom.IElement> Buttons() => page.FindAll("button").Where(b => b.TextContent.Trim() == text || b.GetAttribute("aria-label") == text);
        page.WaitForState(() => Buttons().Any());
        return page.InvokeAsync(() => Buttons().Single().ClickAsync(new()));
    }

    /// <summary>Picks the radio button whose label says this.</summary>
    public static Task PickAsync<T>(this IRenderedComponent<T> page, string label) where T : class, IComponent =>
        page.FindAll("label.mud-radio").Single(l => l.TextContent.Contains(label, StringComparison.Ordinal)).QuerySelector("input")!.ClickAsync(new());

    /// <summary>Ticks or unticks the checkbox (or switch) whose label says this.</summary>
    public static Task TickAsync<T>(this IRenderedComponent<T> page, string label, bool on = true) where T : class, IComponent =>
        page.FindAll(".mud-checkbox, .mud-switch").Single(l => l.TextContent.Contains(label, StringComparison.Ordinal)).QuerySelector("input")!.ChangeAsync(new ChangeEventArgs { Value = on });

    /// <summary>The message shown next to an input (what its aria-describedby points at), or null.</summary>
    public static string? ErrorFor<T>(this IRenderedComponent<T> page, string inputId) where T : class, IComponent => Describing(page.Nodes, inputId);

    public static string? Describing(INodeList nodes, string inputId)
    {
        var input = nodes.QuerySelector($"#{inputId}");
        var ids = input?.GetAttribute("aria-describedby")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var text = string.Join(" ", ids.Select(id => nodes.QuerySelector($"[id='{id}']")?.TextContent.Trim()).Where(t => !string.IsNullOrEmpty(t)));
        return text.Length > 0 ? text : null;
    }

    public static string? ValueOf<T>(this IRenderedComponent<T> page, string inputId) where T : class, IComponent => page.Find($"#{inputId}").GetAttribute("value");

    /// <summary>The grid's rows once it has loaded (MudDataGrid shows a progress bar while it loads).</summary>
    public static IReadOnlyList<IElement> Rows<T>(this IRenderedComponent<T> page) where T : class, IComponent
    {
        // The grid appears once the page has what it needs, and then loads its first page.
        page.WaitForState(() => page.FindAll(".portal-grid tbody tr").Count > 0 && page.FindAll(".mud-table-loading-progress, .portal-grid-loading").Count == 0);
        return page.FindAll(".portal-grid tbody tr").Where(r => r.QuerySelector("td") is not null).ToList();
    }

    /// <summary>The first link of each grid row (the names the list shows), once it has loaded.</summary>
    public static IReadOnlyList<string> RowNames<T>(this IRenderedComponent<T> page) where T : class, IComponent =>
        page.Rows().Select(r => r.QuerySelector("a")?.TextContent.Trim()).OfType<string>().ToList();

    /// <summary>Waits until the grid shows these names (after typing in its search, which waits a moment before it searches).</summary>
    public static void WaitForRows<T>(this IRenderedComponent<T> page, params string[] names) where T : class, IComponent =>
        page.WaitForAssertion(() => Assert.Equal(names, page.FindAll(".portal-grid tbody tr td a").Select(a => a.TextContent.Trim())), TimeSpan.FromSeconds(5));

    public static string Text<T>(this IRenderedComponent<T> page) where T : class, IComponent => string.Concat(page.Nodes.Select(n => n.TextContent));
}
