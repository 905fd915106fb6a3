using IonPortal.Core.Accounts;
using IonPortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Components.Console.Team;

/// <summary>Staff roles and statuses in the reader's language.</summary>
public static class RoleNames
{
    public static string Name(IStringLocalizer<Ui> L, string role) => role switch
    {
        PortalRoles.Owner => L["Owner"],
        PortalRoles.Admin => L["Admin"],
        PortalRoles.Sales => L["Sales"],
        PortalRoles.Ops => L["Operations"],
        _ => role,
    };

    public static string Description(IStringLocalizer<Ui> L, string role) => role switch
    {
        PortalRoles.Owner => L["Everything, including the owners and the account itself."],
        PortalRoles.Admin => L["Everything except changing owners."],
        PortalRoles.Sales => L["Customers, quotes, orders and prices."],
        PortalRoles.Ops => L["Subscriptions, provisioning and billing."],
        _ => "",
    };

    public static (string Text, MudBlazor.Color Color) Status(IStringLocalizer<Ui> L, AccountStatus status) => status switch
    {
        AccountStatus.Active => (L["Active"], MudBlazor.Color.Success),
        AccountStatus.Invited => (L["Invited"], MudBlazor.Color.Info),
        AccountStatus.LockedOut => (L["Locked out"], MudBlazor.Color.Warning),
        _ => (L["No access"], MudBlazor.Color.Default),
    };
}
