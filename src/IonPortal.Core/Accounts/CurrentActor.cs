namespace IonPortal.Core.Accounts;

public enum ActorKind
{
    /// <summary>A signed-in person, with their role.</summary>
    Person,
    /// <summary>Someone not signed in, on a storefront (signing up, confirming an email).</summary>
    Visitor,
    /// <summary>The platform itself: start-up, demo data, background jobs.</summary>
    System,
}

/// <summary>Who a unit of work acts as. Audit events are credited to it and the permission map asks it.</summary>
public sealed record Actor(ActorKind Kind, Guid? UserId, string Name, string Role)
{
    public static Actor Person(Guid userId, string name, string role) => new(ActorKind.Person, userId, name, role);

    public static readonly Actor Visitor = new(ActorKind.Visitor, null, "visitor", "");

    public static Actor System(string name = "system") => new(ActorKind.System, null, name, "");

    /// <summary>Whether this actor may do the action: a person by their role, the platform always, a visitor never.</summary>
    public bool May(PortalAction action) => Kind == ActorKind.System || (Kind == ActorKind.Person && Permissions.Allows(Role, action));
}

/// <summary>
/// Who the current unit of work acts as, set once by whoever opens it (a request, a circuit's
/// operation, a background job). There is no default: reading it before it was set is refused,
/// so no decision or audit event is ever credited to the wrong person.
/// </summary>
public sealed class CurrentActor
{
    private Actor? _actor;

    public Actor Value => _actor ?? throw new MissingActorException();

    public bool IsSet => _actor is not null;

    public Guid? UserId => Value.UserId;

    public string Name => Value.Name;

    public string Role => Value.Role;

    public bool May(PortalAction action) => Value.May(action);

    /// <summary>Binds the unit of work to an actor; it can't be re-bound to someone else.</summary>
    public void ActAs(Actor actor)
    {
        if (_actor is not null && _actor != actor)
            throw new InvalidOperationException("This unit of work already acts for someone else.");
        _actor = actor;
    }
}

/// <summary>A unit of work tried to act without knowing for whom: a bug, refused rather than guessed.</summary>
public sealed class MissingActorException() : InvalidOperationException("This unit of work acts for nobody; it was not bound to a person, a visitor or the system.");
