using IonPortal.Core.Accounts;
using IonPortal.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace IonPortal.Web.Account;

/// <summary>
/// Who may open each part of the portal: one policy per action of the permission map (named after
/// the action, e.g. <c>[Authorize(Policy = nameof(PortalAction.ManageCustomers))]</c>), plus
/// being a customer of the storefront one is on.
/// </summary>
public static class Policies
{
    /// <summary>Someone at a customer of the reseller whose storefront this is.</summary>
    public const string StorefrontCustomer = "StorefrontCustomer";

    public static void AddPortalPolicies(this AuthorizationBuilder authorization)
    {
        foreach (var action in Enum.GetValues<PortalAction>())
            authorization.AddPolicy(action.ToString(), p => p.RequireAuthenticatedUser().RequireAssertion(c => Permissions.Allows(c.User.GetRole(), action)));
        authorization.AddPolicy(StorefrontCustomer, p => p.RequireAuthenticatedUser().AddRequirements(new CustomerOfThisStorefront()));
    }
}

/// <summary>Someone at a customer, signed in at one reseller, is a stranger on every other reseller's storefront.</summary>
public sealed class CustomerOfThisStorefront : IAuthorizationRequirement;

/// <summary>
/// Checks <see cref="CustomerOfThisStorefront"/> against the session's storefront, the same way for
/// a request and inside a circuit (it is resolved from whichever scope asks).
/// </summary>
public sealed class CustomerOfThisStorefrontHandler(PortalSession session) : AuthorizationHandler<CustomerOfThisStorefront>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CustomerOfThisStorefront requirement)
    {
        if (session.IsOwnCustomer && SessionUser.From(context.User)?.Id == session.User!.Id)
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
