using System.Net;
using Bunit;
using IonPortal.Core.Accounts;
using IonPortal.Core.Auditing;
using IonPortal.Core.SupportPlans;
using IonPortal.Web.Components.Console.Audit;
using IonPortal.Web.Messaging;
using IonPortal.Web.Tests.Components;

namespace IonPortal.Web.Tests;

public class AuditLogPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static IReadOnlyList<(string Who, string What)> Entries(IEnumerable<AngleSharp.Dom.IElement> rows) =>
        [.. rows.Select(r => (r.QuerySelector("td:nth-child(2)")!.TextContent.Trim(), r.QuerySelector("td:nth-child(3) .portal-strong")!.TextContent.Trim()))];

    [Fact]
    public async Task The_log_shows_this_resellers_changes_newest_first_and_filters_them()
    {
        await using var ses = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        await using var north = await ComponentHarness.AsAsync(factory, "admin@northwind.test");
        var before = DateTime.UtcNow;   // the day the changes below are made on, or the one before (around midnight)
        Assert.True((await ses.Session.RunAsync((SupportPlanOffers plans) => plans.CreateAsync(new SupportPlanDraft("Audit probe", null, 5m, null, null)))).IsDone);
        Assert.True((await north.Session.RunAsync((SupportPlanOffers plans) => plans.CreateAsync(new SupportPlanDraft("Northwind only", null, 5m, null, null)))).IsDone);

        // One page at a time: rendering the next replaces the last.
        var all = Entries(ses.RenderAt<AuditLog>("/console/audit").Rows());
        var byWhat = Entries(ses.RenderAt<AuditLog>($"/console/audit?what={AuditActions.SupportPlan.Type}").Rows());
        var junk = Entries(ses.RenderAt<AuditLog>("/console/audit?what=%00&from=banana&to=2026-13-45&page=x").Rows());
        var today = Entries(ses.RenderAt<AuditLog>($"/console/audit?from={before:yyyy-MM-dd}").Rows());
        var northAdmin = north.Session.User!.Name;
        var byWho = ses.RenderAt<AuditLog>($"/console/audit?q={Uri.EscapeDataString(northAdmin)}");
        byWho.WaitForAssertion(() => Assert.Contains("No change matches", byWho.Text()));
        var fromTomorrow = ses.RenderAt<AuditLog>($"/console/audit?from={DateTime.UtcNow.AddDays(2):yyyy-MM-dd}");
        fromTomorrow.WaitForAssertion(() => Assert.Contains("No change matches", fromTomorrow.Text()));

        Assert.Equal((ses.Session.User!.Name, "Created the support plan"), all[0]);
        Assert.NotEmpty(byWhat);
        Assert.All(byWhat, e => Assert.Equal("Created the support plan", e.What));
        Assert.Equal(all, junk);
        Assert.Contains(today, e => e.What == "Created the support plan");
        Assert.DoesNotContain(all, e => e.Who == northAdmin);   // northwind's admin changed nothing of this reseller's
    }

    [Fact]
    public async Task Sales_staff_have_no_audit_log_and_no_link_to_it()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        Assert.True((await ui.Session.RunAsync((Team team) => team.InviteAsync("sid@sesdemo.test", null, PortalRoles.Sales))).IsDone);
        var link = MailLinks.In((await factory.LastEmailToAsync("sid@sesdemo.test"))!.HtmlBody).Single();
        var sales = factory.CreatePortalClient();
        await sales.FollowAsync(await sales.SubmitFormAsync(await sales.GetAsync(new Uri(link).PathAndQuery), "choose-password",
            new Dictionary<string, string> { ["Input.Password"] = "a good password", ["Input.ConfirmPassword"] = "a good password" }));

        var log = await sales.GetAsync("/console/audit");
        var console = await sales.GetAsync("/console");

        Assert.Equal(HttpStatusCode.Redirect, log.Status);
        Assert.StartsWith("/account/access-denied", new Uri(new Uri("http://localhost"), log.RedirectTo).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, console.Status);
        Assert.DoesNotContain("href=\"/console/audit\"", console.Html);
        Assert.Contains("href=\"/console/audit\"", (await AdminConsoleAsync()).Html);
    }

    private async Task<Page> AdminConsoleAsync()
    {
        var admin = factory.CreatePortalClient();
        await admin.SignInToConsoleAsync("admin@sesdemo.test");
        return await admin.GetAsync("/console");
    }

    [Fact]
    public async Task Operators_read_the_platforms_own_log_and_resellers_cannot()
    {
        await using var op = await ComponentHarness.AsAsync(factory, Demo.DemoData.OperatorEmail);
        await using var ses = await ComponentHarness.AsAsync(factory, "admin@sesdemo.test");
        Assert.True((await op.Session.RunAsync((IonPortal.Core.Catalog.CatalogEditor catalog) => catalog.SaveVendorAsync(null, "Audit Vendor", null))).IsDone);
        Assert.True((await ses.Session.RunAsync((SupportPlanOffers plans) => plans.CreateAsync(new SupportPlanDraft("Reseller only", null, 5m, null, null)))).IsDone);

        var log = Entries(op.RenderAt<IonPortal.Web.Components.Admin.AuditLogAdmin>("/admin/audit").Rows());
        var reseller = factory.CreatePortalClient();
        await reseller.SignInToConsoleAsync("admin@sesdemo.test");
        var refused = await reseller.GetAsync("/admin/audit");

        Assert.Equal((op.Session.User!.Name, "Added the vendor"), log[0]);
        Assert.DoesNotContain(log, e => e.What == "Created the support plan");
        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
    }
}

/// <summary>Every action and kind the domain records has words in both languages, so no log shows a raw name.</summary>
public class AuditWordsTests
{
    private static IEnumerable<string> Actions() =>
        typeof(AuditActions).GetNestedTypes().SelectMany(t => t.GetFields().Where(f => f.IsLiteral && f.Name != "Type").Select(f => (string)f.GetRawConstantValue()!))
            .Concat(typeof(AuditActions).GetFields().Where(f => f.FieldType == typeof(AccountActions)).SelectMany(f =>
                typeof(AccountActions).GetProperties().Where(p => p.Name != nameof(AccountActions.Type)).Select(p => (string)p.GetValue(f.GetValue(null))!)));

    private static IEnumerable<string> Kinds() =>
        typeof(AuditActions).GetNestedTypes().Select(t => (string)t.GetField("Type")!.GetRawConstantValue()!)
            .Concat(typeof(AuditActions).GetFields().Where(f => f.FieldType == typeof(AccountActions)).Select(f => ((AccountActions)f.GetValue(null)!).Type));

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public void Every_recorded_action_and_kind_has_words(string culture)
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
        var localizer = new Microsoft.Extensions.Localization.StringLocalizer<IonPortal.Web.Localization.Ui>(
            new Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory(
                Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Localization.LocalizationOptions()), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));

        var wordless = Actions().Where(a => IonPortal.Web.Components.Shared.AuditText.Action(localizer, a) == a)
            .Concat(Kinds().Where(k => IonPortal.Web.Components.Shared.AuditText.Kind(localizer, k) == k)).ToList();
        Assert.True(wordless.Count == 0, "No words for: " + string.Join(", ", wordless));
        Assert.Empty(Kinds().Except(IonPortal.Web.Components.Shared.AuditText.ResellerKinds).Except(IonPortal.Web.Components.Shared.AuditText.PlatformKinds));
    }
}
