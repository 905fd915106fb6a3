using IonPortal.Core.Resellers;
using IonPortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Components.Admin.Requests;

/// <summary>The statuses of requests to the platform (vendor programs, becoming a reseller) in the reader's words.</summary>
public static class RequestText
{
    public static (string Text, MudBlazor.Color Color) Status(IStringLocalizer<Ui> L, RequestStatus status) => status switch
    {
        RequestStatus.Requested => (L["Waiting for a decision"], MudBlazor.Color.Warning),
        RequestStatus.Approved => (L["Approved"], MudBlazor.Color.Success),
        _ => (L["Declined"], MudBlazor.Color.Default),
    };

    public static List<(string?, string)> StatusOptions(IStringLocalizer<Ui> L) =>
        [(null, L["Any status"]), ("requested", L["Waiting for a decision"]), ("approved", L["Approved"]), ("declined", L["Declined"])];
}
