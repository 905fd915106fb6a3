using IonPortal.Core.Catalog;
using IonPortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Components.Admin.Catalog;

public static class CatalogText
{
    public static string Kind(IStringLocalizer<Ui> L, ProductKind kind) =>
        kind == ProductKind.SeatLicence ? L["Seat licence"] : L["Metered usage"];
}
