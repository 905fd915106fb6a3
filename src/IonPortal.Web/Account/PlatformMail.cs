using IonPortal.Core.Accounts;
using IonPortal.Core.Messaging;
using IonPortal.Core.Resellers;
using IonPortal.Core.VendorPrograms;
using IonPortal.Web.Localization;
using IonPortal.Web.Messaging;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Account;

/// <summary>The platform's emails to resellers and would-be resellers, and to its operators; all in the platform's branding.</summary>
internal sealed class PlatformMail(EmailRenderer renderer, EmailOutbox outbox, PortalLinks links, IStringLocalizer<Ui> L) : IPlatformMail
{
    public async Task QueueProgramRequestedAsync(ProgramEnrollment enrollment, Reseller reseller, IReadOnlyList<PortalUser> operators, CancellationToken ct)
    {
        var program = VendorProgramCatalog.Find(enrollment.Program)?.Name ?? enrollment.Program;
        foreach (var op in operators)
        {
            await QueueAsync(op.Email!, new EmailContent(EmailBrand.Platform,
                L["{0} asks for the {1} program", reseller.DisplayName, program], L["A vendor program request is waiting"],
                [L["{0} ({1}) asks for the {2} program, with the reseller domain {3}, and accepted its terms.", reseller.DisplayName, reseller.Nickname, program, enrollment.ResellerDomain]],
                L["Review the request"], links.Absolute("/admin/programs")));
        }
    }

    public async Task QueueProgramDecidedAsync(ProgramEnrollment enrollment, Reseller reseller, IReadOnlyList<PortalUser> admins, CancellationToken ct)
    {
        var program = VendorProgramCatalog.Find(enrollment.Program)?.Name ?? enrollment.Program;
        var approved = enrollment.Status == RequestStatus.Approved;
        foreach (var admin in admins)
        {
            await QueueAsync(admin.Email!, new EmailContent(EmailBrand.Platform,
                approved ? L["The {0} program is approved", program] : L["Your request for the {0} program", program],
                approved ? L["You can sell {0} products now", program] : L["Your request was declined"],
                approved ? [L["{0} can now sell {1} products to its customers.", reseller.DisplayName, program]]
                         : [L["The platform declined {0}'s request for the {1} program.", reseller.DisplayName, program], L["Their reason: {0}", enrollment.DeclineReason ?? ""]],
                L["Open your programs"], links.Absolute("/console/programs")));
        }
    }

    public async Task QueueApplicationReceivedAsync(ResellerApplication application, IReadOnlyList<PortalUser> operators, CancellationToken ct)
    {
        using (Cultures.Use(application.Language))
        {
            await QueueAsync(application.ContactEmail, new EmailContent(EmailBrand.Platform,
                L["We received {0}'s request", application.CompanyName], L["Thanks for your interest, {0}", application.ContactFirstName],
                [L["We review requests within two business days. When {0} is approved, you get an email to choose your password and open your console.", application.CompanyName]]));
        }
        foreach (var op in operators)
        {
            await QueueAsync(op.Email!, new EmailContent(EmailBrand.Platform,
                L["{0} asks to become a reseller", application.CompanyName], L["A company asks for platform access"],
                [L["{0} ({1}) asks for platform access for {2}.", application.ContactName, application.ContactEmail, application.CompanyName]],
                L["Review the request"], links.Absolute($"/admin/applications/{application.Id}")));
        }
    }

    public async Task QueueApplicationDeclinedAsync(ResellerApplication application, CancellationToken ct)
    {
        using var language = Cultures.Use(application.Language);
        await QueueAsync(application.ContactEmail, new EmailContent(EmailBrand.Platform,
            L["Your request for {0}", application.CompanyName], L["Your request was declined"],
            [L["We can't give {0} platform access at this time.", application.CompanyName], L["Their reason: {0}", application.DeclineReason ?? ""]]));
    }

    private async Task QueueAsync(string to, EmailContent content) => outbox.Queue(await renderer.RenderAsync(to, content, null));
}
