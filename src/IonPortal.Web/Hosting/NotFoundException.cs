namespace IonPortal.Web.Hosting;

/// <summary>
/// Thrown by a page whose id names nothing this user may see (most often another reseller's id).
/// <see cref="NotFoundMapping"/> turns it into a plain 404, the same for a GET and for a form post
/// (a post to a page that renders no form would otherwise be answered 400 by Blazor).
/// </summary>
public sealed class NotFoundException() : Exception("Not found.");

public static class NotFoundMapping
{
    public static IApplicationBuilder UseNotFoundMapping(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (NotFoundException) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        });
}

public static class OutcomePages
{
    /// <summary>Turns a not-found outcome into the not-found page; any other outcome is returned as it is.</summary>
    public static T OrNotFound<T>(this T outcome) where T : IonPortal.Core.Validation.Outcome =>
        outcome.Status == IonPortal.Core.Validation.OutcomeStatus.NotFound ? throw new NotFoundException() : outcome;
}
