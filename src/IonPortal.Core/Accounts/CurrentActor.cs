namespace IonPortal.Core.Accounts;

/// <summary>
/// Who the current unit of work acts as: the signed-in person (set once per request by the host)
/// or the system (background jobs, start-up). Domain rules and the audit trail read it.
/// </summary>
public sealed class CurrentActor
{
    public Guid? UserId { get; private set; }

    public string Name { get; private set; } = "system";

    public string Role { get; private set; } = "";

    public void SignedIn(Guid userId, string name, string role) => (UserId, Name, Role) = (userId, name, role);
}
