using IonPortal.Core.MicrosoftTenants;
using IonPortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Components.Console.Customers;

/// <summary>A customer's Microsoft tenant and agreement in the reader's words.</summary>
public static class MicrosoftText
{
    public static (string Text, MudBlazor.Color Color) Agreement(IStringLocalizer<Ui> L, AgreementStatus status) => status switch
    {
        AgreementStatus.Accepted => (L["Accepted"], MudBlazor.Color.Success),
        AgreementStatus.Pending => (L["Waiting for the customer"], MudBlazor.Color.Info),
        AgreementStatus.Expired => (L["Expired"], MudBlazor.Color.Error),
        _ => (L["Required"], MudBlazor.Color.Warning),
    };

    public static string Region(IStringLocalizer<Ui> L, PartnerRegion region) => region switch
    {
        PartnerRegion.UnitedStates => L["United States"],
        PartnerRegion.Canada => L["Canada"],
        _ => L["Other countries"],
    };
}
