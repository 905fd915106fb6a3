using Microsoft.Extensions.Localization;
using MudBlazor;

namespace IonPortal.Web.Localization;

/// <summary>The portal's Spanish for MudBlazor's own words (pager, "rows per page", dialogs' close, …).</summary>
public sealed class MudBlazorText;

/// <summary>
/// MudBlazor's strings in the reader's language: Spanish from <c>MudBlazorText.es.resx</c>, English
/// from MudBlazor itself (an unknown key falls back to its built-in text).
/// </summary>
internal sealed class PortalMudLocalizer(IStringLocalizer<MudBlazorText> text) : MudLocalizer
{
    public override LocalizedString this[string key] => text[key];

    public override LocalizedString this[string key, params object[] arguments] => text[key, arguments];
}
