using IonPortal.Core.Accounts;
using IonPortal.Core.Customers;
using IonPortal.Core.Messaging;
using IonPortal.Core.MicrosoftTenants;
using IonPortal.Core.Resellers;
using IonPortal.Web.Account;
using IonPortal.Web.Localization;
using IonPortal.Web.Messaging;
using IonPortal.Web.Tenancy;
using Microsoft.Extensions.Localization;

namespace IonPortal.Web.MicrosoftTenants;

/// <summary>The emails about a customer's Microsoft identity, in the customer's language and the reseller's branding.</summary>
internal sealed class MicrosoftMail(EmailRenderer renderer, EmailOutbox outbox, PortalLinks links, ResellerDirectory resellers, IStringLocalizer<Ui> L) : IMicrosoftMail
{
    public async Task QueueRelationshipInvitationAsync(Customer customer, string to, PartnerRegion region, string url, CancellationToken ct)
    {
        var reseller = await ResellerOfAsync(customer, ct);
        using var language = Cultures.Use(customer.PreferredLanguage);
        outbox.Queue(await renderer.RenderAsync(to, new EmailContent(
            Brand(reseller),
            RelationshipInvitation.Subject(L, reseller.DisplayName),
            L["Connect your Microsoft account"],
            RelationshipInvitation.Paragraphs(L, region, reseller.DisplayName, customer.CompanyName),
            RelationshipInvitation.ActionText(L),
            url,
            L["Only a global admin of your Microsoft tenant can accept."]), reseller.Id));
    }

    public async Task QueueAgreementRequestAsync(Customer customer, PortalUser admin, CancellationToken ct)
    {
        var reseller = await ResellerOfAsync(customer, ct);
        using var language = Cultures.Use(customer.PreferredLanguage);
        outbox.Queue(await renderer.RenderAsync(admin.Email!, new EmailContent(
            Brand(reseller),
            L["Accept the Microsoft Customer Agreement for {0}", customer.CompanyName],
            L["Microsoft needs your acceptance"],
            [L["Before {0} can buy Microsoft products for {1}, Microsoft asks your company to accept its Customer Agreement.", reseller.DisplayName, customer.CompanyName],
             L["Read it and accept it in your account; it takes a minute."]],
            L["Review and accept"],
            links.Absolute($"{Storefront.WhiteLabelPrefix}/agreement?{Storefront.AccountNameParameter}={reseller.Nickname}")), reseller.Id));
    }

    private async Task<Reseller> ResellerOfAsync(Customer customer, CancellationToken ct) =>
        await resellers.FindAsync(customer.ResellerId, ct) ?? throw new InvalidOperationException($"Reseller {customer.ResellerId} is gone.");

    private static EmailBrand Brand(Reseller reseller) => new(reseller.DisplayName, reseller.PrimaryColor);
}
