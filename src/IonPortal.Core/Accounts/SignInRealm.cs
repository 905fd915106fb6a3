namespace IonPortal.Core.Accounts;

/// <summary>
/// Where someone signs in: the console (operators and reseller staff) or one reseller's storefront
/// (that reseller's customers' people only). An email is looked up within its realm alone.
/// </summary>
public readonly record struct SignInRealm
{
    private SignInRealm(Guid? storefrontResellerId) => StorefrontResellerId = storefrontResellerId;

    /// <summary>The reseller whose storefront this is; null for the console.</summary>
    public Guid? StorefrontResellerId { get; }

    public bool IsConsole => StorefrontResellerId is null;

    public static SignInRealm Console => new(null);

    public static SignInRealm Storefront(Guid resellerId) => new(resellerId);

    public bool Contains(PortalUser user) => IsConsole
        ? user.Kind is UserKind.Operator or UserKind.Staff
        : user.Kind == UserKind.Customer && user.ResellerId == StorefrontResellerId;
}
