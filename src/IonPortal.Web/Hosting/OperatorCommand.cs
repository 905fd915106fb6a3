using IonPortal.Core;
using IonPortal.Core.Accounts;
using IonPortal.Core.Data;
using IonPortal.Core.Messaging;
using IonPortal.Core.Validation;
using IonPortal.Web.Messaging;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Hosting;

/// <summary>
/// <c>invite-operator someone@example.com</c>: how a new installation gets its first platform
/// operator. Creates the account if needed, queues the invitation email and prints its link, so
/// the first sign-in works even before SMTP is set up.
/// </summary>
public static class OperatorCommand
{
    public static async Task<int> InviteOperatorAsync(IServiceProvider root, string email, TextWriter output)
    {
        await using var scope = root.CreateAsyncScope();
        var services = scope.ServiceProvider;
        new WorkContext(Actor.System("invite-operator")).Enter(services);
        if (string.IsNullOrWhiteSpace(services.GetRequiredService<IConfiguration>()["Portal:PublicUrl"]))
        {
            await output.WriteLineAsync("Set Portal:PublicUrl (e.g. Portal__PublicUrl=https://portal.example.com) so the link points at this portal.");
            return 1;
        }
        if (!EmailAddress.IsValid(email))
        {
            await output.WriteLineAsync($"'{email}' is not a valid email address.");
            return 1;
        }
        var user = await services.GetRequiredService<AccountDirectory>().FindAsync(SignInRealm.Console, email);
        if (user is not null && (user.Kind != UserKind.Operator || user.PasswordHash is not null))
        {
            await output.WriteLineAsync($"{email} already has a console account.");
            return 1;
        }
        if (user is null)
        {
            user = PortalUser.Operator(email, "", services.GetRequiredService<TimeProvider>().GetUtcNow());
            await services.GetRequiredService<UserManager<PortalUser>>().CreateAsync(user);
        }
        await services.GetRequiredService<AccessLinks>().QueueInvitationAsync(user);
        var db = services.GetRequiredService<PortalDbContext>();
        await db.SaveChangesAsync();

        var invitation = await db.Set<EmailMessage>().Where(m => m.To == user.Email).OrderByDescending(m => m.CreatedAt).FirstAsync();
        await output.WriteLineAsync($"Invitation for {email} queued. The link works once and expires in 7 days:");
        await output.WriteLineAsync(MailLinks.In(invitation.HtmlBody).First());
        return 0;
    }
}
