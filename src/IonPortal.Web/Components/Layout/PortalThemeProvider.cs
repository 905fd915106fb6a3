using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace IonPortal.Web.Components.Layout;

/// <summary>
/// MudBlazor's theme provider, for pages rendered on the server as well as in circuits: its theme's
/// style element is built once per theme (not on every render), and its disposal skips the JavaScript
/// call that stops watching the system's dark mode when nothing was watched — on a static or
/// prerendered page that call throws (four exceptions per render, measured on the storefront).
/// </summary>
public sealed class PortalThemeProvider : MudThemeProvider
{
    // The theme's <style> element, built once per theme: the base class builds it afresh on every
    // render, and an open circuit kept two 24 KB copies of it (its current and previous render tree).
    private static readonly ConditionalWeakTable<MudTheme, string> Styles = [];
    private static readonly string Scrollbar = BuildMudBlazorScrollbar();

    // As MudThemeProvider draws it.
    private const string ChartStyles = "<style>\n    .mud-chart-serie:hover {\n        filter: url(#lighten);\n    }\n\n    .mud-chart-serie-hovered \n    {\n        filter: url(#lighten);\n    }\n</style>\n\n";

    private bool _ranInBrowser;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        // The portal has no dark mode, so a theme's CSS is always the same.
        if (Theme is not { } theme)
        {
            base.BuildRenderTree(builder);
            return;
        }
        if (!DefaultScrollbar)
            builder.AddMarkupContent(0, Scrollbar);
        builder.AddMarkupContent(1, ChartStyles);
        builder.AddMarkupContent(2, Styles.GetValue(theme, _ => BuildTheme()));
    }

    protected override Task OnAfterRenderAsync(bool firstRender)
    {
        _ranInBrowser = true;   // only a circuit runs this
        return base.OnAfterRenderAsync(firstRender);
    }

    protected override ValueTask DisposeAsyncCore() => _ranInBrowser ? base.DisposeAsyncCore() : ValueTask.CompletedTask;
}
