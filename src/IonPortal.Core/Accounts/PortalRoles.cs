namespace IonPortal.Core.Accounts;

/// <summary>The roles a user can hold; each kind of user has its own set.</summary>
public static class PortalRoles
{
    public const string Operator = "Operator";

    public const string Owner = "Owner";
    public const string Admin = "Admin";
    public const string Sales = "Sales";
    public const string Ops = "Ops";

    public const string CustomerAdmin = "CustomerAdmin";
    public const string CustomerUser = "CustomerUser";

    public static readonly IReadOnlyList<string> StaffRoles = [Owner, Admin, Sales, Ops];

    public static readonly IReadOnlyList<string> CustomerRoles = [CustomerAdmin, CustomerUser];

    internal static string RequireStaff(string role) =>
        StaffRoles.Contains(role) ? role : throw new ArgumentException($"'{role}' is not a staff role.", nameof(role));

    internal static string RequireCustomer(string role) =>
        CustomerRoles.Contains(role) ? role : throw new ArgumentException($"'{role}' is not a customer role.", nameof(role));
}
