using IonPortal.Core.Solutions;
using IonPortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Components.CustomerPortal;

/// <summary>The click-to-run templates' parameters in the reader's words.</summary>
public static class SolutionText
{
    public static string Label(IStringLocalizer<Ui> L, SolutionParameter parameter) => parameter.Name switch
    {
        "region" => L["Azure region"],
        "environment" => L["Environment name"],
        "addressSpace" => L["Address space (CIDR)"],
        "hostPool" => L["Host pool name"],
        "sessionHosts" => L["Session hosts"],
        "vault" => L["Vault name"],
        "retentionDays" => L["Retention (days)"],
        _ => parameter.Label,
    };
}
