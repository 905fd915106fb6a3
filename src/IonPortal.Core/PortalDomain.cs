using IonPortal.Core.Accounts;
using IonPortal.Core.Auditing;
using IonPortal.Core.Approvals;
using IonPortal.Core.Catalog;
using IonPortal.Core.Customers;
using IonPortal.Core.Pricing;
using IonPortal.Core.Storefronts;
using IonPortal.Core.Data;
using IonPortal.Core.Messaging;
using IonPortal.Core.Resellers;
using IonPortal.Core.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IonPortal.Core;

public static class PortalDomain
{
    /// <summary>
    /// The database, the tenant context, the domain services and the account rules (passwords,
    /// lockout, emailed links). The host adds what is web-only: cookies, sign-in, the email renderer.
    /// </summary>
    public static IdentityBuilder AddPortalDomain(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ChangeTagsInterceptor>();
        services.AddSingleton<TenantWallInterceptor>();
        services.AddDbContext<PortalDbContext>((sp, options) => options
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()   // tables, columns, keys and indexes in PostgreSQL's style, so the SQL migrations read like SQL
            .AddInterceptors(sp.GetRequiredService<TenantWallInterceptor>(), sp.GetRequiredService<ChangeTagsInterceptor>()));
        services.AddScoped<TenantContext>();
        services.AddScoped<CurrentActor>();
        services.AddSingleton<WorkScopes>();
        services.AddScoped<AllTenants>();
        services.AddScoped<AuditTrail>();

        services.AddScoped<ResellerDirectory>();
        services.AddScoped<ResellerOnboarding>();
        services.AddScoped<ResellerApplications>();
        services.AddScoped<ResellerSettings>();
        services.AddScoped<VendorPrograms.VendorPrograms>();
        services.AddScoped<VendorPrograms.VendorProgramGate>();
        services.AddScoped<AccountDirectory>();
        services.AddScoped<AccessLinks>();
        services.AddScoped<AccountAccess>();
        services.AddScoped<Team>();
        services.AddScoped<TwoFactor>();
        services.AddScoped<EmailOutbox>();
        services.AddScoped<CatalogEditor>();
        services.AddScoped<Catalog.PriceLists.PriceListImport>();
        services.AddScoped<PriceBooks>();
        services.AddScoped<StorefrontSetup>();
        services.AddScoped<StorefrontCatalog>();
        services.AddScoped<SupportPlans.SupportPlanOffers>();
        services.AddScoped<Customers.CustomerRecords>();
        services.AddScoped<CustomerPeople>();
        services.AddScoped<ApprovalQueue>();
        services.AddScoped<SignUps>();
        services.AddScoped<AccessRequests>();
        services.AddScoped<SignUpSetup>();
        services.AddScoped<MicrosoftTenants.MicrosoftIdentities>();
        services.AddScoped<MicrosoftTenants.CustomerAgreements>();
        services.AddScoped<MicrosoftTenants.MicrosoftPurchaseGate>();
        services.AddScoped<OwnCompany>();
        services.AddScoped<Orders.Checkout>();
        services.AddScoped<Orders.Orders>();
        services.AddScoped<Orders.ProvisioningQueue>();
        services.AddSingleton<Orders.ProvisioningSignal>();
        services.AddSingleton<Orders.Provisioner>();
        services.AddScoped<Subscriptions.Subscriptions>();
        services.AddScoped<Subscriptions.Licences>();
        services.AddScoped<Google.GoogleTransfers>();
        services.AddScoped<Billing.UsageImporter>();
        services.AddScoped<Billing.StatementRun>();
        services.AddScoped<Billing.Statements>();
        services.AddScoped<Billing.UsageLedger>();
        services.AddScoped<Billing.BillingReports>();
        services.AddScoped<Billing.SavedReports>();
        services.AddScoped<Billing.Reconciliation>();
        services.AddScoped<Billing.Dashboards>();
        services.AddScoped<Billing.ProviderUsage>();
        services.AddSingleton<Billing.BillingScheduler>();

        return services
            .AddIdentityCore<PortalUser>(options =>
            {
                PasswordPolicy.Apply(options.Password);
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false; // unique per sign-in realm, enforced by the database
                options.Tokens.PasswordResetTokenProvider = ResetLinkTokens.ProviderName;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddUserManager<PortalUserManager>()
            .AddTokenProvider<AuthenticatorTokenProvider<PortalUser>>(TokenOptions.DefaultAuthenticatorProvider)
            .AddTokenProvider<ResetLinkTokens>(ResetLinkTokens.ProviderName)
            .AddTokenProvider<InvitationTokens>(InvitationTokens.ProviderName);
    }
}
