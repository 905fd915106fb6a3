using System.Security.Claims;
using IonPortal.Core;
using IonPortal.Core.Accounts;
using IonPortal.Core.Resellers;
using IonPortal.Web.Account;

namespace IonPortal.Web.Tenancy;

/// <summary>The signed-in person as their sign-in cookie describes them.</summary>
public sealed record SessionUser(Guid Id, string Name, string Email, UserKind Kind, string Role, Guid? ResellerId, string? ResellerNickname, Guid? CustomerId)
{
    public static SessionUser? From(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && principal.GetKind() is { } kind
            ? new(principal.GetUserId(), principal.GetGreetingName(), principal.FindFirstValue(ClaimTypes.Email) ?? "", kind, principal.GetRole(),
                principal.GetResellerId(), principal.FindFirstValue(PortalClaims.ResellerNickname), principal.GetCustomerId())
            : null;

    public Actor Actor => Actor.Person(Id, Name, Role);

    public bool May(PortalAction action) => Permissions.Allows(Role, action);
}

/// <summary>
/// Who a browser session acts as and for which reseller. It is set once: per request by
/// <see cref="TenantResolution"/>, per circuit by <see cref="SessionCircuitHandler"/>, both from
/// the signed-in user (and, on a storefront, the <c>accountName</c>, which must match), never from
/// anything else the browser says. Pages run every operation through it, each in its own scope
/// and DbContext, bound to this reseller and this person.
/// </summary>
public sealed class PortalSession(WorkScopes scopes)
{
    private Actor? _actor;

    /// <summary>The reseller the session acts for: the staff member's, or the storefront's.</summary>
    public Reseller? Reseller { get; private set; }

    /// <summary>The signed-in person; on a storefront, only a customer of that storefront (anyone else is a visitor there).</summary>
    public SessionUser? User { get; private set; }

    /// <summary>On a storefront: whether it is the white-label one (<c>/v2c</c>) or the platform-branded one; null elsewhere.</summary>
    public bool? WhiteLabel { get; private set; }

    /// <summary>A storefront link whose <c>accountName</c> named no reseller (the not-found page says so).</summary>
    public string? UnknownAccountName { get; private set; }

    /// <summary>The address the session's pages were served from, for links in emails when <c>Portal:PublicUrl</c> isn't set.</summary>
    public string? BaseUrl { get; private set; }

    public bool OnStorefront => WhiteLabel is not null && Reseller is not null;

    public bool IsOwnCustomer => OnStorefront && User is { Kind: UserKind.Customer } user && user.ResellerId == Reseller!.Id;

    public bool May(PortalAction action) => User?.May(action) == true;

    /// <param name="actor">Who operations act as; null refuses them (a circuit without a signed-in person).</param>
    internal void Begin(Reseller? reseller, SessionUser? user, bool? whiteLabel, Actor? actor, string? baseUrl)
    {
        (Reseller, User, WhiteLabel, _actor, BaseUrl) = (reseller, user, whiteLabel, actor, baseUrl);
        UnknownAccountName = null;
    }

    /// <summary>
    /// Begins on a storefront, for the request and the circuit alike: the reseller its
    /// <c>accountName</c> named (null for an unknown one, whose not-found page says which name was
    /// wrong), and the signed-in person only if they are its own customer; anyone else is a visitor.
    /// </summary>
    internal void BeginStorefront(Reseller? reseller, string accountName, bool whiteLabel, SessionUser? user, Actor? visitor, string baseUrl)
    {
        if (reseller is null || user is not { Kind: UserKind.Customer } || user.ResellerId != reseller.Id)
            user = null;
        Begin(reseller, user, reseller is null ? null : whiteLabel, user?.Actor ?? visitor, baseUrl);
        UnknownAccountName = reseller is null ? accountName : null;
    }

    /// <summary>The unit of work an operation of this session runs as; refused when nobody is signed in to a circuit.</summary>
    public WorkContext Work => new(_actor ?? throw new MissingActorException(), Reseller?.Id, Reseller?.Nickname);

    /// <summary>Runs one operation in its own scope (its own DbContext), as this session's person, for its reseller.</summary>
    public Task<T> RunAsync<TService, T>(Func<TService, Task<T>> operation) where TService : notnull =>
        scopes.RunAsync(Work, services =>
        {
            services.GetRequiredService<PortalSession>().Adopt(this);
            return operation(services.GetRequiredService<TService>());
        });

    private void Adopt(PortalSession other) =>
        (Reseller, User, WhiteLabel, _actor, BaseUrl, UnknownAccountName) = (other.Reseller, other.User, other.WhiteLabel, other._actor, other.BaseUrl, other.UnknownAccountName);
}
