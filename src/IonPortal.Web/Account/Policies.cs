using IonPortal.Core.Accounts;
using IonPortal.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace IonPortal.Web.Account;

/// <summary>Who may enter each surface of the portal.</summary>
public static class Policies
{
    /// <summary>Platform operators: <c>/admin</c>.</summary>
    public const string Operator = "Operator";

    /// <summary>Any staff member of a reseller: <c>/console</c>.</summary>
    public const string Console = "Console";

    /// <summary>Reseller owners and admins: team and account settings.</summary>
    public const string ConsoleAdmin = "ConsoleAdmin";

    /// <summary>Reseller staff who set prices: owners, admins and sales.</summary>
    public const string ConsolePricing = "ConsolePricing";

    /// <summary>Reseller staff who look after customers and decide sign-ups: owners, admins and sales.</summary>
    public const string ConsoleCustomers = "ConsoleCustomers";

    /// <summary>A customer user of the reseller whose storefront this is.</summary>
    public const string StorefrontCustomer = "StorefrontCustomer";

    public static void AddPortalPolicies(this AuthorizationBuilder authorization)
    {
        authorization
            .AddPolicy(Operator, p => p.RequireClaim(PortalClaims.Kind, nameof(UserKind.Operator)))
            .AddPolicy(Console, p => p.RequireClaim(PortalClaims.Kind, nameof(UserKind.Staff)))
            .AddPolicy(ConsoleAdmin, p => p.RequireClaim(PortalClaims.Kind, nameof(UserKind.Staff)).RequireRole(PortalRoles.Owner, PortalRoles.Admin))
            .AddPolicy(ConsolePricing, p => p.RequireClaim(PortalClaims.Kind, nameof(UserKind.Staff)).RequireRole(PortalRoles.Owner, PortalRoles.Admin, PortalRoles.Sales))
            .AddPolicy(ConsoleCustomers, p => p.RequireClaim(PortalClaims.Kind, nameof(UserKind.Staff)).RequireRole(PortalRoles.Owner, PortalRoles.Admin, PortalRoles.Sales))
            .AddPolicy(StorefrontCustomer, p => p.AddRequirements(new CustomerOfThisStorefront()));
    }
}

/// <summary>A customer user signed in at one reseller is a stranger on every other reseller's storefront.</summary>
public sealed class CustomerOfThisStorefront : IAuthorizationRequirement;

/// <summary>
/// Checks <see cref="CustomerOfThisStorefront"/> against the request's storefront, both for the
/// endpoint (where the resource is the HttpContext) and for the router's own check of the page.
/// </summary>
public sealed class CustomerOfThisStorefrontHandler(IHttpContextAccessor http) : AuthorizationHandler<CustomerOfThisStorefront>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CustomerOfThisStorefront requirement)
    {
        var storefront = (context.Resource as HttpContext ?? http.HttpContext)?.RequestServices.GetService<Storefront>();
        if (storefront?.IsOwnCustomer(context.User) == true)
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
