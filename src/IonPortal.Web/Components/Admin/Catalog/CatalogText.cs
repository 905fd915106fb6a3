using IonPortal.Core.Catalog;
using IonPortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Components.Admin.Catalog;

public static class CatalogText
{
    public static string Kind(IStringLocalizer<Ui> L, ProductKind kind) =>
        kind switch { ProductKind.SeatLicence => L["Seat licence"], ProductKind.MeteredUsage => L["Metered usage"], _ => L["Click-to-run solution"] };
}
