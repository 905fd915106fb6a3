using IonPortal.Core.Customers;
using IonPortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Components.Companies;

/// <summary>Customer statuses and customer roles in the reader's language.</summary>
public static class CustomerText
{
    public static (string Text, MudBlazor.Color Color) Status(IStringLocalizer<Ui> L, CustomerStatus status) => status switch
    {
        CustomerStatus.Active => (L["Active"], MudBlazor.Color.Success),
        CustomerStatus.Pending => (L["Pending"], MudBlazor.Color.Warning),
        _ => (L["Suspended"], MudBlazor.Color.Default),
    };

    public static string Role(IStringLocalizer<Ui> L, string role) =>
        role == Core.Accounts.PortalRoles.CustomerAdmin ? L["Admin"] : L["User"];

    public static string RoleDescription(IStringLocalizer<Ui> L, string role) =>
        role == Core.Accounts.PortalRoles.CustomerAdmin ? L["Orders, and manages the company's users."] : L["Orders and sees the company's products."];
}
