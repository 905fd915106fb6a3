namespace IonPortal.Web.Components.Shared;

/// <summary>
/// MudBlazor's link and caption classes for grid cells written as plain markup. A cell is drawn for
/// every row of every open list, and as MudLink/MudText components each would hold its own render
/// tree for as long as the circuit lives.
/// </summary>
public static class GridCell
{
    public const string Link = "mud-typography mud-link mud-primary-text mud-link-underline-hover mud-typography-body2";

    public const string Caption = "mud-typography mud-typography-caption d-block mud-text-secondary";
}
