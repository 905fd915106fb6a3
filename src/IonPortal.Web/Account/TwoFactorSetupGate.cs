namespace IonPortal.Web.Account;

/// <summary>
/// Someone whose role or reseller requires two-factor sign-in, and who hasn't set it up, gets the
/// setup page instead of any console or admin page until they have.
/// </summary>
public sealed class TwoFactorSetupGate(RequestDelegate next)
{
    public const string SetupPath = "/account/two-factor/setup";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.HasClaim(c => c.Type == PortalClaims.TwoFactorSetupDue)
            && (context.Request.Path.StartsWithSegments("/console") || context.Request.Path.StartsWithSegments("/admin")))
        {
            context.Response.Redirect(SetupPath);
            return Task.CompletedTask;
        }
        return next(context);
    }
}
