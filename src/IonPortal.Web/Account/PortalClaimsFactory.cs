using System.Security.Claims;
using IonPortal.Core.Accounts;
using IonPortal.Core.Resellers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IonPortal.Web.Account;

/// <summary>Puts who someone is (kind, reseller, customer, role) into the sign-in cookie.</summary>
internal sealed class PortalClaimsFactory(UserManager<PortalUser> users, IOptions<IdentityOptions> options, ResellerDirectory resellers, TwoFactor twoFactor)
    : UserClaimsPrincipalFactory<PortalUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.Kind, user.Kind.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role));
        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        if (user.ResellerId is { } resellerId && await resellers.FindAsync(resellerId) is { } reseller)
        {
            identity.AddClaim(new Claim(PortalClaims.ResellerId, resellerId.ToString()));
            identity.AddClaim(new Claim(PortalClaims.ResellerNickname, reseller.Nickname));
        }
        if (user.CustomerId is { } customerId)
            identity.AddClaim(new Claim(PortalClaims.CustomerId, customerId.ToString()));
        if (!user.TwoFactorEnabled && await twoFactor.IsRequiredForAsync(user))
            identity.AddClaim(new Claim(PortalClaims.TwoFactorSetupDue, "true"));
        return identity;
    }
}
