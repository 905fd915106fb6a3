using IonPortal.Core.Approvals;
using IonPortal.Core.Catalog;
using IonPortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Components.Console.Approvals;

/// <summary>Approval requests in the reader's language.</summary>
public static class ApprovalText
{
    public static string Kind(IStringLocalizer<Ui> L, ApprovalRequest request) => request.Kind == ApprovalKind.SignUp
        ? L["Sign-up"]
        : L["Access to {0}", CloudProviders.NameOf(request.Provider ?? "")];

    public static (string Text, MudBlazor.Color Color) Status(IStringLocalizer<Ui> L, ApprovalStatus status) => status switch
    {
        ApprovalStatus.Approved => (L["Approved"], MudBlazor.Color.Success),
        ApprovalStatus.Declined => (L["Declined"], MudBlazor.Color.Error),
        ApprovalStatus.Pending => (L["Pending"], MudBlazor.Color.Warning),
        _ => (L["Awaiting email confirmation"], MudBlazor.Color.Default),
    };

    /// <summary>Who decided: a person's name, or the reseller's auto-approve setting.</summary>
    public static string Decider(IStringLocalizer<Ui> L, ApprovalRequest request) =>
        request.DecidedByName ?? L["automatic approval"];
}
