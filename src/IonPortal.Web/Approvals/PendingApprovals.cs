using IonPortal.Core.Approvals;
using IonPortal.Web.Account;
using Microsoft.AspNetCore.Authorization;

namespace IonPortal.Web.Approvals;

/// <summary>
/// The console nav's count of requests waiting for a decision. It is read before the page renders,
/// because components initialize concurrently and must not share the request's DbContext at once.
/// </summary>
public sealed class PendingApprovals
{
    public int Count { get; private set; }

    public static async Task LoadAsync(HttpContext context, Func<Task> next)
    {
        if (context.Request.Path.StartsWithSegments("/console") && context.User.GetKind() == Core.Accounts.UserKind.Staff)
        {
            var services = context.RequestServices;
            if ((await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(context.User, Policies.ConsoleCustomers)).Succeeded)
                services.GetRequiredService<PendingApprovals>().Count = await services.GetRequiredService<ApprovalQueue>().PendingCountAsync(context.RequestAborted);
        }
        await next();
    }
}
