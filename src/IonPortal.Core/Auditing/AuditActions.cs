namespace IonPortal.Core.Auditing;

/// <summary>
/// What the audit trail records, in one place: each audited kind of thing (the entity type its
/// history is read by) and the actions done to it. Services record these names; history pages
/// show them in words.
/// </summary>
public static class AuditActions
{
    public static class PriceBook
    {
        public const string Type = "price-book";
        public const string Created = "price-book.created", Updated = "price-book.updated", Deleted = "price-book.deleted",
            RuleSet = "price-book.rule-set", RuleRemoved = "price-book.rule-removed";
    }

    public static class SupportPlan
    {
        public const string Type = "support-plan";
        public const string Created = "support-plan.created", Updated = "support-plan.updated";
    }

    public static class Customer
    {
        public const string Type = "customer";
        public const string Created = "customer.created", Updated = "customer.updated", Suspended = "customer.suspended", Activated = "customer.activated",
            ProviderAuthorized = "customer.provider-authorized", ProviderRevoked = "customer.provider-revoked",
            TenantCreated = "customer.tenant-created", TenantInvited = "customer.tenant-invited", TenantLinked = "customer.tenant-linked",
            AgreementAttested = "customer.agreement-attested", AgreementRequested = "customer.agreement-requested", AgreementAccepted = "customer.agreement-accepted";
    }

    public static class Approval
    {
        public const string Type = "approval";
        public const string SignedUp = "approval.signed-up", EmailConfirmed = "approval.email-confirmed", Requested = "approval.requested",
            Approved = "approval.approved", Declined = "approval.declined";
    }

    public static class SignUpSettings
    {
        public const string Type = "sign-up-settings";
        public const string Updated = "sign-up-settings.updated";
    }

    public static class Security
    {
        public const string Type = "security";
        public const string TwoFactorRequired = "security.two-factor-required", TwoFactorOptional = "security.two-factor-optional";
    }

    public static class Settings
    {
        public const string Type = "reseller-settings";
        public const string AccountChanged = "reseller-settings.account-changed", BrandingChanged = "reseller-settings.branding-changed",
            LogoChanged = "reseller-settings.logo-changed", StorefrontChanged = "reseller-settings.storefront-changed";
    }

    public static class Program
    {
        public const string Type = "vendor-program";
        public const string Requested = "vendor-program.requested", Approved = "vendor-program.approved", Declined = "vendor-program.declined";
    }

    public static class ResellerApplication
    {
        public const string Type = "reseller-application";
        public const string Submitted = "reseller-application.submitted", Approved = "reseller-application.approved", Declined = "reseller-application.declined";
    }

    public static class Storefront
    {
        public const string Type = "storefront";
        public const string PricingChanged = "storefront.pricing-changed", VendorsChanged = "storefront.vendors-changed",
            ProductShown = "storefront.product-shown", ProductHidden = "storefront.product-hidden";
    }

    public static class Vendor
    {
        public const string Type = "vendor";
        public const string Created = "catalog.vendor-created", Updated = "catalog.vendor-updated";
    }

    public static class Product
    {
        public const string Type = "product";
        public const string Created = "catalog.product-created", Updated = "catalog.product-updated",
            Retired = "catalog.product-retired", Restored = "catalog.product-restored", PriceListImported = "catalog.price-list-imported";
    }

    public static class Plan
    {
        public const string Type = "plan";
        public const string Created = "catalog.plan-created", Updated = "catalog.plan-updated",
            Retired = "catalog.plan-retired", Restored = "catalog.plan-restored", UpgradesSet = "catalog.upgrades-set";
    }

    /// <summary>The staff's accounts ("staff.invited", …).</summary>
    public static readonly AccountActions Staff = new("staff");

    /// <summary>Platform operators' accounts ("operator.two-factor-enabled", …).</summary>
    public static readonly AccountActions Operator = new("operator");

    /// <summary>The accounts of customers' people ("customer-person.invited", …).</summary>
    public static readonly AccountActions CustomerPerson = new("customer-person");
}

/// <summary>What is done to an account, the same for every kind of account, named under its kind.</summary>
public sealed record AccountActions(string Type)
{
    public string Invited { get; } = $"{Type}.invited";
    public string Created { get; } = $"{Type}.created";
    public string AccessRemoved { get; } = $"{Type}.access-removed";
    public string AccessRestored { get; } = $"{Type}.access-restored";
    public string InvitationResent { get; } = $"{Type}.invitation-resent";
    public string RoleChanged { get; } = $"{Type}.role-changed";
    public string TwoFactorEnabled { get; } = $"{Type}.two-factor-enabled";
    public string TwoFactorDisabled { get; } = $"{Type}.two-factor-disabled";
    public string RecoveryCodesRenewed { get; } = $"{Type}.recovery-codes-renewed";
}
