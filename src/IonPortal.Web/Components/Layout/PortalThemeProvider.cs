using System.Runtime.CompilerServices;
using System.Text;
using MudBlazor;

namespace IonPortal.Web.Components.Layout;

/// <summary>
/// MudBlazor's theme provider, for pages rendered on the server as well as in circuits: its theme's
/// CSS is built once per theme (not on every page render), and its disposal skips the JavaScript
/// call that stops watching the system's dark mode when nothing was watched — on a static or
/// prerendered page that call throws (four exceptions per render, measured on the storefront).
/// </summary>
public sealed class PortalThemeProvider : MudThemeProvider
{
    private static readonly ConditionalWeakTable<MudTheme, string> Css = [];

    private bool _ranInBrowser;

    protected override void GenerateTheme(StringBuilder theme)
    {
        // The portal has no dark mode, so a theme's CSS is always the same.
        if (Theme is not { } current)
        {
            base.GenerateTheme(theme);
            return;
        }
        theme.Append(Css.GetValue(current, _ =>
        {
            var css = new StringBuilder();
            base.GenerateTheme(css);
            return css.ToString();
        }));
    }

    protected override Task OnAfterRenderAsync(bool firstRender)
    {
        _ranInBrowser = true;   // only a circuit runs this
        return base.OnAfterRenderAsync(firstRender);
    }

    protected override ValueTask DisposeAsyncCore() => _ranInBrowser ? base.DisposeAsyncCore() : ValueTask.CompletedTask;
}
