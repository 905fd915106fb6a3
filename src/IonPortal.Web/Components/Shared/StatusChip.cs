using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IonPortal.Web.Components.Shared;

/// <summary>
/// A status as a coloured chip, in MudChip's look. Plain markup rendered into the page's own render
/// tree, not a component: it only shows a word, lists show one per row, and every component holds its
/// render trees for the life of a circuit (MudChip is three components; even a one-line component
/// cost an open customers page 25 of its ~200).
/// </summary>
public static class StatusChip
{
    public static RenderFragment Of(string text, Color color = Color.Default, Variant variant = Variant.Filled, string? title = null, string? testId = null) =>
        builder =>
        {
            builder.OpenElement(0, "div");
            builder.AddAttribute(1, "class", "mud-chip-container");
            builder.OpenElement(2, "div");
            // MudChip's own class names: its variants and colours are single words, in lower case.
            builder.AddAttribute(3, "class", $"mud-chip mud-chip-{variant.ToString().ToLowerInvariant()} mud-chip-size-small mud-chip-color-{color.ToString().ToLowerInvariant()}");
            builder.AddAttribute(4, "title", title);
            builder.AddAttribute(5, "data-testid", testId);
            builder.OpenElement(6, "span");
            builder.AddAttribute(7, "class", "mud-chip-content");
            builder.AddContent(8, text);
            builder.CloseElement();
            builder.CloseElement();
            builder.CloseElement();
        };
}
