using IonPortal.Core.Accounts;

namespace IonPortal.Web.Components.Companies;

/// <summary>A person to add to a customer, as a form posts it.</summary>
public class PersonInput
{
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public string? Role { get; set; } = PortalRoles.CustomerUser;
}
