using IonPortal.Core.Accounts;

namespace IonPortal.Web.Account;

/// <summary>Where console people land after signing in.</summary>
public static class ConsoleLanding
{
    public const string Console = "/console";
    public const string Admin = "/admin/resellers";

    public static string For(PortalUser user) => user.Kind == UserKind.Operator ? Admin : Console;
}
