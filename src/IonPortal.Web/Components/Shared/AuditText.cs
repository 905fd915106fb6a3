using IonPortal.Core.Auditing;
using IonPortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Components.Shared;

/// <summary>The audit trail's actions and kinds of things in the reader's language.</summary>
public static class AuditText
{
    // Every kind of account has the same actions, in the same words.
    private static readonly AccountActions[] Accounts = [AuditActions.Staff, AuditActions.CustomerPerson, AuditActions.Operator];

    public static string Action(IStringLocalizer<Ui> L, string action) => action switch
    {
        AuditActions.PriceBook.Created => L["Created the price book"],
        AuditActions.PriceBook.Updated => L["Changed the name or default"],
        AuditActions.PriceBook.Deleted => L["Deleted the price book"],
        AuditActions.PriceBook.RuleSet => L["Set an override"],
        AuditActions.PriceBook.RuleRemoved => L["Removed an override"],
        AuditActions.SupportPlan.Created => L["Created the support plan"],
        AuditActions.SupportPlan.Updated => L["Changed the support plan"],
        AuditActions.Customer.Created => L["Added the customer"],
        AuditActions.Customer.Updated => L["Changed the profile"],
        AuditActions.Customer.Suspended => L["Suspended the customer"],
        AuditActions.Customer.Activated => L["Activated the customer"],
        AuditActions.Customer.ProviderAuthorized => L["Authorized a provider"],
        AuditActions.Customer.ProviderRevoked => L["Removed provider access"],
        AuditActions.Customer.TenantCreated => L["Created the Microsoft tenant"],
        AuditActions.Customer.TenantInvited => L["Invited the customer to link its Microsoft tenant"],
        AuditActions.Customer.TenantLinked => L["Linked the Microsoft tenant"],
        AuditActions.Customer.AgreementAttested => L["Attested the Microsoft Customer Agreement"],
        AuditActions.Customer.AgreementRequested => L["Asked the customer to accept the Microsoft Customer Agreement"],
        AuditActions.Customer.AgreementAccepted => L["Accepted the Microsoft Customer Agreement"],
        AuditActions.Approval.SignedUp => L["Signed up"],
        AuditActions.Approval.EmailConfirmed => L["Confirmed the email address"],
        AuditActions.Approval.Requested => L["Asked for access"],
        AuditActions.Approval.Approved => L["Approved"],
        AuditActions.Approval.Declined => L["Declined"],
        AuditActions.SignUpSettings.Updated => L["Changed the sign-up settings"],
        AuditActions.Storefront.PricingChanged => L["Changed the storefront's pricing"],
        AuditActions.Storefront.VendorsChanged => L["Changed the storefront's vendors"],
        AuditActions.Storefront.ProductShown => L["Showed a product on the storefront"],
        AuditActions.Storefront.ProductHidden => L["Hid a product from the storefront"],
        AuditActions.Vendor.Created => L["Added the vendor"],
        AuditActions.Vendor.Updated => L["Changed the vendor"],
        AuditActions.Product.Created => L["Added the product"],
        AuditActions.Product.Updated => L["Changed the product"],
        AuditActions.Product.Retired => L["Retired the product"],
        AuditActions.Product.Restored => L["Restored the product"],
        AuditActions.Product.PriceListImported => L["Imported the price list"],
        AuditActions.Plan.Created => L["Added the plan"],
        AuditActions.Plan.Updated => L["Changed the plan"],
        AuditActions.Plan.Retired => L["Retired the plan"],
        AuditActions.Plan.Restored => L["Restored the plan"],
        AuditActions.Plan.UpgradesSet => L["Changed the plan's upgrades"],
        _ when Accounts.Any(a => a.Invited == action) => L["Invited"],
        _ when Accounts.Any(a => a.Created == action) => L["Created the account"],
        _ when Accounts.Any(a => a.AccessRemoved == action) => L["Removed access"],
        _ when Accounts.Any(a => a.AccessRestored == action) => L["Restored access"],
        _ when Accounts.Any(a => a.InvitationResent == action) => L["Sent the invitation again"],
        _ when Accounts.Any(a => a.RoleChanged == action) => L["Changed the role"],
        _ when Accounts.Any(a => a.TwoFactorEnabled == action) => L["Turned on two-factor sign-in"],
        _ when Accounts.Any(a => a.TwoFactorDisabled == action) => L["Turned off two-factor sign-in"],
        _ when Accounts.Any(a => a.RecoveryCodesRenewed == action) => L["Got new recovery codes"],
        AuditActions.Settings.AccountChanged => L["Changed the account information"],
        AuditActions.Settings.BrandingChanged => L["Changed the colours"],
        AuditActions.Settings.LogoChanged => L["Changed the logo"],
        AuditActions.Settings.StorefrontChanged => L["Changed the storefront settings"],
        AuditActions.Security.TwoFactorRequired => L["Required two-factor sign-in of all staff"],
        AuditActions.Security.TwoFactorOptional => L["Made two-factor sign-in optional"],
        AuditActions.Program.Requested => L["Asked for a vendor program"],
        AuditActions.Program.Approved => L["Approved the vendor program"],
        AuditActions.Program.Declined => L["Declined the vendor program"],
        AuditActions.ResellerApplication.Submitted => L["Asked to become a reseller"],
        AuditActions.ResellerApplication.Approved => L["Approved the reseller request"],
        AuditActions.ResellerApplication.Declined => L["Declined the reseller request"],
        _ => action,
    };

    /// <summary>The kinds of things a reseller's log records, for its filter.</summary>
    public static readonly string[] ResellerKinds =
    [
        AuditActions.Customer.Type, AuditActions.CustomerPerson.Type, AuditActions.Approval.Type, AuditActions.PriceBook.Type,
        AuditActions.SupportPlan.Type, AuditActions.Storefront.Type, AuditActions.SignUpSettings.Type, AuditActions.Staff.Type,
        AuditActions.Program.Type, AuditActions.Security.Type, AuditActions.Settings.Type,
    ];

    /// <summary>The kinds of things the platform's own log records (the catalog), for its filter.</summary>
    public static readonly string[] PlatformKinds =
        [AuditActions.Vendor.Type, AuditActions.Product.Type, AuditActions.Plan.Type, AuditActions.ResellerApplication.Type, AuditActions.Operator.Type];

    public static string Kind(IStringLocalizer<Ui> L, string type) => type switch
    {
        AuditActions.Vendor.Type => L["Vendor"],
        AuditActions.Product.Type => L["Product"],
        AuditActions.Plan.Type => L["Plan"],
        AuditActions.Customer.Type => L["Customer"],
        AuditActions.Approval.Type => L["Approval request"],
        AuditActions.PriceBook.Type => L["Price book"],
        AuditActions.SupportPlan.Type => L["Support plan"],
        AuditActions.Storefront.Type => L["Storefront"],
        AuditActions.SignUpSettings.Type => L["Sign-up settings"],
        AuditActions.Program.Type => L["Vendor program"],
        AuditActions.ResellerApplication.Type => L["Reseller request"],
        AuditActions.Security.Type => L["Security settings"],
        AuditActions.Settings.Type => L["Company settings"],
        _ when type == AuditActions.Operator.Type => L["Operator"],
        _ when type == AuditActions.Staff.Type => L["Team member"],
        _ when type == AuditActions.CustomerPerson.Type => L["Customer's person"],
        _ => type,
    };

    /// <summary>Where the changed thing is shown in the console, when it has a page of its own.</summary>
    public static string? Link(string type, Guid id) => type switch
    {
        AuditActions.Customer.Type => $"/console/customers/{id}",
        AuditActions.Approval.Type => $"/console/approvals/{id}",
        AuditActions.PriceBook.Type => $"/console/price-books/{id}",
        AuditActions.SupportPlan.Type => $"/console/support-plans/{id}",
        _ when type == AuditActions.Staff.Type => $"/console/team/{id}",
        AuditActions.Vendor.Type => $"/admin/catalog/vendors/{id}",
        AuditActions.Product.Type => id == Guid.Empty ? "/admin/catalog" : $"/admin/catalog/products/{id}",   // a price list import touches many
        AuditActions.Plan.Type => $"/admin/catalog/plans/{id}",
        AuditActions.ResellerApplication.Type => $"/admin/applications/{id}",
        _ => null,
    };
}
