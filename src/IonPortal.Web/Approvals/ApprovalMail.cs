using IonPortal.Core.Accounts;
using IonPortal.Core.Approvals;
using IonPortal.Core.Catalog;
using IonPortal.Core.Messaging;
using IonPortal.Core.Resellers;
using IonPortal.Web.Account;
using IonPortal.Web.Localization;
using IonPortal.Web.Messaging;
using IonPortal.Web.Tenancy;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.Approvals;

/// <summary>
/// The approval queue's emails. The person who asked hears in their own language, in the reseller's
/// branding, with storefront links; the reseller's admins get platform-branded links to the console.
/// </summary>
internal sealed class ApprovalMail(EmailRenderer renderer, EmailOutbox outbox, PortalLinks links, ResellerDirectory resellers, IStringLocalizer<Ui> L) : IApprovalMail
{
    public async Task QueueConfirmationAsync(ApprovalRequest request, string token, CancellationToken ct)
    {
        var reseller = await ResellerOfAsync(request, ct);
        using var language = Cultures.Use(request.PreferredLanguage);
        await QueueAsync(request.ContactEmail, reseller, new EmailContent(
            Brand(reseller),
            L["Confirm your email for {0}", reseller.DisplayName],
            L["Confirm your email"],
            [L["Thanks for signing up {0} at {1}. Confirm your email address so your request can be reviewed.", request.CompanyName, reseller.DisplayName]],
            L["Confirm my email"],
            links.Absolute(StorefrontPage(reseller, "signup/confirm", $"request={request.Id:N}&token={token}")),
            L["If you didn't sign up, ignore this email: nothing happens without the confirmation."]));
    }

    public async Task QueueNewRequestAsync(ApprovalRequest request, IReadOnlyList<PortalUser> admins, CancellationToken ct)
    {
        var reseller = await ResellerOfAsync(request, ct);
        foreach (var admin in admins)
        {
            var (subject, summary) = request.Kind == ApprovalKind.SignUp
                ? (L["New sign-up waiting for approval: {0}", request.CompanyName].Value,
                   L["{0} ({1}) signed up {2} on your storefront.", request.ContactName, request.ContactEmail, request.CompanyName].Value)
                : (L["New account request from {0}", request.CompanyName].Value,
                   L["{0} ({1}) asks for access to {2} products.", request.ContactName, request.ContactEmail, CloudProviders.NameOf(request.Provider ?? "")].Value);
            await QueueAsync(admin.Email!, reseller, new EmailContent(
                EmailBrand.Platform, subject, L["A request is waiting in your approval queue"], [summary],
                L["Review the request"], links.Absolute($"/console/approvals/{request.Id:N}")));
        }
    }

    public async Task QueueApprovedAsync(ApprovalRequest request, CancellationToken ct)
    {
        var reseller = await ResellerOfAsync(request, ct);
        using var language = Cultures.Use(request.PreferredLanguage);
        var content = request.Kind == ApprovalKind.SignUp
            ? new EmailContent(
                Brand(reseller),
                L["Your {0} account is ready", reseller.DisplayName],
                L["Welcome, {0}", request.ContactFirstName],
                [L["{0}'s account at {1} is approved. Sign in with {2} and the password you chose.", request.CompanyName, reseller.DisplayName, request.ContactEmail]],
                L["Sign in"],
                links.Absolute(StorefrontPage(reseller, "signin", null)))
            : new EmailContent(
                Brand(reseller),
                L["Your request to {0} is approved", reseller.DisplayName],
                L["Your request is approved"],
                [L["{0} now has access to {1} products at {2}.", request.CompanyName, CloudProviders.NameOf(request.Provider ?? ""), reseller.DisplayName]],
                L["Open the catalog"],
                links.Absolute(StorefrontPage(reseller, "catalog", null)));
        await QueueAsync(request.ContactEmail, reseller, content);
    }

    public async Task QueueDeclinedAsync(ApprovalRequest request, CancellationToken ct)
    {
        var reseller = await ResellerOfAsync(request, ct);
        using var language = Cultures.Use(request.PreferredLanguage);
        List<string> paragraphs =
        [
            request.Kind == ApprovalKind.SignUp
                ? L["{0} declined the sign-up of {1}.", reseller.DisplayName, request.CompanyName]
                : L["{0} declined {1}'s request for access to {2} products.", reseller.DisplayName, request.CompanyName, CloudProviders.NameOf(request.Provider ?? "")],
            L["Their reason: {0}", request.DeclineReason ?? ""],
        ];
        if (reseller.SupportEmail is { } support)
            paragraphs.Add(L["Questions? Write to {0}.", support]);
        await QueueAsync(request.ContactEmail, reseller, new EmailContent(
            Brand(reseller), L["Your request to {0}", reseller.DisplayName], L["Your request was declined"], paragraphs));
    }

    private async Task QueueAsync(string to, Reseller reseller, EmailContent content) =>
        outbox.Queue(await renderer.RenderAsync(to, content, reseller.Id));

    private async Task<Reseller> ResellerOfAsync(ApprovalRequest request, CancellationToken ct) =>
        await resellers.FindAsync(request.ResellerId, ct) ?? throw new InvalidOperationException($"Reseller {request.ResellerId} is gone.");

    private static EmailBrand Brand(Reseller reseller) => new(reseller.DisplayName, reseller.PrimaryColor);

    private static string StorefrontPage(Reseller reseller, string page, string? query) =>
        $"{Storefront.WhiteLabelPrefix}/{page}?{Storefront.AccountNameParameter}={reseller.Nickname}" + (query is null ? "" : "&" + query);
}
