namespace IonPortal.Core.Accounts;

/// <summary>What people do in the portal that only some roles may.</summary>
public enum PortalAction
{
    // Platform operators
    OnboardResellers,
    EditCatalog,
    ReadMailbox,
    ReadPlatformAuditLog,
    DecidePrograms,

    // A reseller's staff
    UseConsole,
    ManageCustomers,
    DecideApprovals,
    ManagePricing,
    ManageStorefront,
    ManageTeam,
    ReadAuditLog,
    RequestPrograms,
    ManageSettings,
    /// <summary>Also a customer's admin, for the providers enabled in its portal.</summary>
    PlaceOrders,
    ManageSubscriptions,
    /// <summary>Import usage, run and issue statements.</summary>
    ManageBilling,
    /// <summary>Statements, billing reports and dashboards; a customer's admin sees its own, without cost or margin.</summary>
    ViewBilling,

    // A customer's people, on their storefront
    ManageCompanyPeople,
    RequestProviderAccess,
    AcceptAgreements,
}

/// <summary>
/// The one permission map: which roles may do each action. Domain services ask it (through
/// <see cref="CurrentActor.May"/>) before they change anything; the web's authorization policies
/// and the menus that hide what a role can't do are built from it too.
/// </summary>
public static class Permissions
{
    private static readonly IReadOnlyDictionary<PortalAction, string[]> Map = new Dictionary<PortalAction, string[]>
    {
        [PortalAction.OnboardResellers] = [PortalRoles.Operator],
        [PortalAction.EditCatalog] = [PortalRoles.Operator],
        [PortalAction.ReadMailbox] = [PortalRoles.Operator],
        [PortalAction.ReadPlatformAuditLog] = [PortalRoles.Operator],
        [PortalAction.DecidePrograms] = [PortalRoles.Operator],

        [PortalAction.UseConsole] = [PortalRoles.Owner, PortalRoles.Admin, PortalRoles.Sales, PortalRoles.Ops],
        [PortalAction.ManageCustomers] = [PortalRoles.Owner, PortalRoles.Admin, PortalRoles.Sales],
        [PortalAction.DecideApprovals] = [PortalRoles.Owner, PortalRoles.Admin, PortalRoles.Sales],
        [PortalAction.ManagePricing] = [PortalRoles.Owner, PortalRoles.Admin, PortalRoles.Sales],
        [PortalAction.ManageStorefront] = [PortalRoles.Owner, PortalRoles.Admin],
        [PortalAction.ManageTeam] = [PortalRoles.Owner, PortalRoles.Admin],
        [PortalAction.ReadAuditLog] = [PortalRoles.Owner, PortalRoles.Admin],
        [PortalAction.RequestPrograms] = [PortalRoles.Owner, PortalRoles.Admin],
        [PortalAction.ManageSettings] = [PortalRoles.Owner, PortalRoles.Admin],
        [PortalAction.PlaceOrders] = [PortalRoles.Owner, PortalRoles.Admin, PortalRoles.Sales, PortalRoles.CustomerAdmin],
        [PortalAction.ManageSubscriptions] = [PortalRoles.Owner, PortalRoles.Admin, PortalRoles.Sales, PortalRoles.Ops, PortalRoles.CustomerAdmin],

        [PortalAction.ManageBilling] = [PortalRoles.Owner, PortalRoles.Admin],
        [PortalAction.ViewBilling] = [PortalRoles.Owner, PortalRoles.Admin, PortalRoles.Sales, PortalRoles.Ops, PortalRoles.CustomerAdmin],

        [PortalAction.ManageCompanyPeople] = [PortalRoles.CustomerAdmin],
        [PortalAction.RequestProviderAccess] = [PortalRoles.CustomerAdmin, PortalRoles.CustomerUser],
        [PortalAction.AcceptAgreements] = [PortalRoles.CustomerAdmin],
    };

    public static bool Allows(string? role, PortalAction action) => role is not null && RolesFor(action).Contains(role);

    public static IReadOnlyList<string> RolesFor(PortalAction action) =>
        Map.TryGetValue(action, out var roles) ? roles : throw new ArgumentOutOfRangeException(nameof(action), action, "Not in the permission map.");
}
