using IonPortal.Core.MicrosoftTenants;
using IonPortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.MicrosoftTenants;

/// <summary>
/// The reseller relationship invitation in its Partner Center region's words: the portal emails it,
/// or the reseller copies it (the same text) into an email of its own.
/// </summary>
public static class RelationshipInvitation
{
    public static string Subject(IStringLocalizer<Ui> L, string resellerName) => L["{0} invites you to connect your Microsoft account", resellerName];

    public static IReadOnlyList<string> Paragraphs(IStringLocalizer<Ui> L, PartnerRegion region, string resellerName, string companyName) =>
    [
        region switch
        {
            PartnerRegion.UnitedStates => L["{0} invites {1} to make it your Microsoft Cloud Solution Provider through Partner Center for the United States.", resellerName, companyName],
            PartnerRegion.Canada => L["{0} invites {1} to make it your Microsoft Cloud Solution Provider through Partner Center for Canada.", resellerName, companyName],
            _ => L["{0} invites {1} to make it your Microsoft Cloud Solution Provider.", resellerName, companyName],
        },
        L["A global admin of your Microsoft tenant opens the link below, authorizes the reseller relationship and accepts the Microsoft Customer Agreement."],
        L["Then reply with your tenant ID or your organization's domain, so {0} can connect your account.", resellerName],
    ];

    public static string ActionText(IStringLocalizer<Ui> L) => L["Accept the invitation"];

    /// <summary>The whole email as plain text, for the reseller to paste into its own.</summary>
    public static string AsText(IStringLocalizer<Ui> L, PartnerRegion region, string resellerName, string companyName, string url) =>
        string.Join("\n\n", Paragraphs(L, region, resellerName, companyName).Append($"{ActionText(L)}: {url}"));
}
