using System.Globalization;
using IonPortal.Core;
using IonPortal.Core.Accounts;
using IonPortal.Core.Approvals;
using IonPortal.Core.Data;
using IonPortal.Core.Messaging;
using IonPortal.Core.PartnerCenter;
using IonPortal.Web.Account;
using IonPortal.Web.Approvals;
using IonPortal.Web.Caching;
using IonPortal.Web.Components.Layout;
using IonPortal.Web.Localization;
using IonPortal.Web.Messaging;
using IonPortal.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace IonPortal.Web.Hosting;

public static class PortalServices
{
    public static void AddPortalServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<StorefrontCache>();
        services.AddSingleton<LiveChanges>();
        services.AddSingleton<ResellerLookup>();
        services.AddSingleton<PortalThemes>();
        services.AddScoped<PortalSession>();
        services.AddScoped<Storefront>();
        services.AddScoped<StorefrontPricing>();
        services.AddSingleton<ChangeListener>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeListener>());
        services.AddOutputCache(options => options.AddPolicy(StorefrontCachePolicy.Name, new StorefrontCachePolicy()));

        // Email: always queued in the outbox; sent only when an SMTP server is configured.
        services.AddScoped<EmailRenderer>();
        services.AddScoped<PortalLinks>();
        services.AddScoped<IAccountMail, AccountMail>();
        services.AddScoped<IApprovalMail, ApprovalMail>();
        services.AddScoped<Core.MicrosoftTenants.IMicrosoftMail, MicrosoftTenants.MicrosoftMail>();
        services.AddScoped<Core.Resellers.IPlatformMail, PlatformMail>();
        services.AddScoped<Core.Orders.IOrderMail, Orders.OrderMail>();
        services.Configure<SmtpOptions>(builder.Configuration.GetSection("Smtp"));
        if (builder.Configuration.GetSection("Smtp").Get<SmtpOptions>() is { IsConfigured: true })
        {
            services.AddScoped<IEmailTransport, SmtpEmailTransport>();
            services.AddHostedService<EmailDispatcher>();
        }

        AddIdentity(services, builder.Services.AddPortalDomain(builder.Configuration.GetConnectionString(PortalDatabase.ConnectionName)!));
        services.Configure<PartnerCenterOptions>(builder.Configuration.GetSection("PartnerCenter"));
        services.AddPartnerCenterClient();
        services.Configure<Core.Google.GoogleOptions>(builder.Configuration.GetSection("Google"));
        Core.Google.GoogleResellerClient.Register(services);
        services.Configure<Core.Solutions.AzureOptions>(builder.Configuration.GetSection("Azure"));
        Core.Solutions.AzureDeploymentsClient.Register(services);
        services.AddSingleton<ProviderSandbox.SandboxFaults>();
        services.Configure<Core.Orders.ProvisioningOptions>(builder.Configuration.GetSection("Provisioning"));
        services.AddHostedService(sp => sp.GetRequiredService<Core.Orders.Provisioner>());
        services.Configure<Core.Billing.BillingOptions>(builder.Configuration.GetSection("Billing"));
        services.AddHostedService(sp => sp.GetRequiredService<Core.Billing.BillingScheduler>());

        services.AddDataProtection().SetApplicationName("IonPortal").PersistKeysToDbContext<PortalDbContext>();

        services.AddLocalization();
        services.AddSingleton(typeof(Microsoft.Extensions.Localization.IStringLocalizer<>), typeof(CachedStringLocalizer<>));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Languages.Supported.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // The switch's cookie first, then the browser's preference.
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(mud =>
        {
            mud.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            mud.SnackbarConfiguration.VisibleStateDuration = 6000;
            mud.SnackbarConfiguration.PreventDuplicates = false;
        });
        // MudBlazor's interceptor builds its own ResourceManager in its constructor, and it is resolved
        // for every localized component (transient): one for the app keeps that off each render.
        services.AddSingleton<MudLocalizer, PortalMudLocalizer>();
        services.AddSingleton<ILocalizationInterceptor>(sp => new DefaultLocalizationInterceptor(sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<MudLocalizer>()));
        services.AddScoped<CircuitHandler, SessionCircuitHandler>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, PortalAuthenticationStateProvider>();
        services.AddAntiforgery();
        services.AddProblemDetails();
        services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database");
    }

    private static void AddIdentity(IServiceCollection services, IdentityBuilder identity)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        identity.AddSignInManager().AddClaimsPrincipalFactory<PortalClaimsFactory>();

        // Role changes and removed access reach signed-in sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "ionportal.auth";
            // Identity builds its stamp validator (a SignInManager, a UserManager, a DbContext) on every
            // request only to compare two times; build it when a check is due.
            cookie.Events.OnValidatePrincipal = context =>
            {
                var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
                var elapsed = (options.TimeProvider ?? TimeProvider.System).GetUtcNow() - context.Properties.IssuedUtc;
                return elapsed <= options.ValidationInterval ? Task.CompletedTask : SecurityStampValidator.ValidatePrincipalAsync(context);
            };
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/account/signin";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                if (!Orders.OrderEndpoints.Answers(context.HttpContext, StatusCodes.Status403Forbidden))
                    context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
            cookie.Events.OnRedirectToLogin = context =>
            {
                // The API answers its callers with a status, not a sign-in page.
                if (Orders.OrderEndpoints.Answers(context.HttpContext, StatusCodes.Status401Unauthorized))
                    return Task.CompletedTask;
                // A storefront page sends people to that storefront's own sign-in, not the console's.
                var storefront = context.HttpContext.RequestServices.GetRequiredService<Storefront>();
                var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                context.Response.Redirect(storefront.IsResolved
                    ? storefront.Url("signin", new Dictionary<string, string?> { ["returnUrl"] = returnUrl })
                    : $"/account/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
                return Task.CompletedTask;
            };
        });

        services.AddScoped<PortalSignIn>();
        services.AddAuthorizationBuilder().AddPortalPolicies();
        services.AddScoped<IAuthorizationHandler, CustomerOfThisStorefrontHandler>();
    }
}
