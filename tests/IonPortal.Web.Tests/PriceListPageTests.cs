using System.Text;
using Bunit;
using IonPortal.Core.Catalog;
using IonPortal.Web.Components.Admin.Catalog;
using IonPortal.Web.Demo;
using IonPortal.Web.Tests.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Tests;

/// <summary>The operators' price list page: a bad file listed by line and nothing changed; a good one previewed, applied, and a second time changes nothing.</summary>
public class PriceListPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Header = "ChangeIndicator,ProductTitle,ProductId,SkuId,SkuTitle,Publisher,SkuDescription,UnitOfMeasure,TermDuration,BillingPlan,Market,Currency,UnitPrice,PricingTierRangeMin,PricingTierRangeMax,EffectiveStartDate,EffectiveEndDate,Tags,ERP Price,Segment,PreviousValues";

    private static byte[] File(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. rows]) + "\r\n");

    private static string Row(string title, string productId, string term, string billing, string cost) =>
        $"Unchanged,{title},{productId},0001,{title},Microsoft Corporation,{title},1,{term},{billing},US,USD,{cost},,,11/01/2025,,License,{cost},Commercial,";

    [Fact]
    public async Task A_bad_file_is_listed_by_line_and_a_good_one_is_previewed_applied_and_unchanged_the_second_time()
    {
        await using var ui = await ComponentHarness.AsAsync(factory, DemoData.OperatorEmail);
        var page = ui.RenderAt<PriceListUpload>("/admin/catalog/price-list");
        var before = await factory.QueryAsync(db => db.Set<Plan>().CountAsync());

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(File(Row("Teams Essentials", "CFQ7TTC0TEAM", "P2Y", "Monthly", "48")), "prices.csv"));
        page.WaitForAssertion(() => Assert.Contains("The term must be P1M, P1Y or P3Y.", page.Find("[data-testid=price-list-errors]").TextContent));
        Assert.Contains("2", page.Find("[data-testid=price-list-errors] tbody td").TextContent);
        Assert.Equal(before, await factory.QueryAsync(db => db.Set<Plan>().CountAsync()));

        var good = File(Row("Teams Essentials", "CFQ7TTC0TEAM", "P1Y", "Monthly", "48"), Row("Teams Essentials", "CFQ7TTC0TEAM", "P1Y", "Annual", "48"));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(good, "prices.csv"));
        page.WaitForAssertion(() => Assert.Contains("New plan: 2", page.Find("[data-testid=price-list-counts]").TextContent));
        Assert.Equal(before, await factory.QueryAsync(db => db.Set<Plan>().CountAsync()));   // previewed only
        await page.PressAsync("Apply 3 changes");
        page.WaitForAssertion(() => Assert.Contains("Price list imported: 3 changes applied.", ui.Notices));
        var monthly = await factory.QueryAsync(db => db.Set<PlanPrice>().Where(p => db.Set<Plan>().Any(x => x.Id == p.PlanId && x.Sku == "CFQ7TTC0TEAM:0001:P1Y:Monthly")).SingleAsync());
        Assert.Equal(4.00m, monthly.Cost);

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(good, "prices.csv"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=price-list-unchanged]")));
    }
}
