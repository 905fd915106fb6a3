using System.Security.Cryptography;
using System.Text;
using IonPortal.Core.Catalog;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.MicrosoftTenants;
using IonPortal.Core.PartnerCenter;
using IonPortal.Core.ProviderSandbox;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.ProviderSandbox;

/// <summary>
/// The sandbox's daily rated usage: every active subscription to a metered Microsoft plan (an Azure
/// plan) uses three meters a day from the first of the month (or its purchase), in amounts that
/// are the same every time they are asked for (a hash of the subscription, the day and the meter).
/// Each tenant is billed in its customer's Microsoft currency, as Microsoft bills a market's.
/// </summary>
public static class SandboxUsage
{
    private sealed record Meter(string Id, string Name, string Category, string Unit, decimal UnitCost, int Base, int Spread);

    private static readonly Meter[] Meters =
    [
        new("6a4b1c2d-vm-d2sv3", "D2s v3", "Virtual Machines", "1 Hour", 0.096m, 24, 48),
        new("7b5c2d3e-storage-lrs", "LRS Data Stored", "Storage", "1 GB/Month", 0.000693m, 100, 400),
        new("8c6d3e4f-bandwidth", "Data Transfer Out", "Bandwidth", "1 GB", 0.087m, 0, 50),
    ];

    /// <summary>The current period: this month, up to today.</summary>
    public static Task<List<PartnerCenterResources.UsageLineItem>> CurrentPeriodAsync(PortalDbContext db, string currency, DateOnly today) =>
        BetweenAsync(db, currency, new DateOnly(today.Year, today.Month, 1), today);

    /// <summary>
    /// A month's usage as Partner Center's daily rated usage reconciliation file: all 55 columns,
    /// UTF-8 with a byte-order mark, CRLF, dates as MM/DD/YYYY (as the billing page exports them).
    /// </summary>
    public static async Task<string> FileAsync(PortalDbContext db, string currency, DateOnly month)
    {
        var items = await BetweenAsync(db, currency, month, month.AddMonths(1).AddDays(-1));
        var csv = new StringBuilder();
        Core.Billing.CsvText.Row(csv, Core.Billing.UsageFile.Columns);
        foreach (var i in items)
        {
            var day = i.UsageDate!.Value.ToString("MM/dd/yyyy", System.Globalization.CultureInfo.InvariantCulture);
            var values = new Dictionary<string, string?>
            {
                ["PartnerId"] = PartnerCenterSandbox.PartnerId.ToString(), ["PartnerName"] = "IonPortal sandbox distributor", ["CustomerId"] = i.CustomerId,
                ["CustomerName"] = i.CustomerName, ["CustomerDomainName"] = i.CustomerDomainName, ["CustomerCountry"] = "US", ["InvoiceNumber"] = $"G{month:yyyyMM}0001",
                ["ProductId"] = "DZH318Z0BPS6", ["SkuId"] = "0001", ["AvailabilityId"] = "DZH318Z0BQ4J", ["SkuName"] = "Azure plan", ["ProductName"] = i.ProductName,
                ["PublisherName"] = "Microsoft", ["SubscriptionDescription"] = "Azure plan", ["SubscriptionId"] = i.SubscriptionId,
                ["ChargeStartDate"] = month.ToString("MM/dd/yyyy", System.Globalization.CultureInfo.InvariantCulture), ["ChargeEndDate"] = month.AddMonths(1).AddDays(-1).ToString("MM/dd/yyyy", System.Globalization.CultureInfo.InvariantCulture),
                ["UsageDate"] = day, ["MeterType"] = "1", ["MeterCategory"] = i.MeterCategory, ["MeterId"] = i.MeterId, ["MeterName"] = i.MeterName, ["MeterRegion"] = i.MeterRegion,
                ["Unit"] = i.UnitOfMeasure, ["ResourceLocation"] = "EASTUS", ["ResourceURI"] = i.ResourceUri, ["ChargeType"] = i.ChargeType,
                ["Quantity"] = i.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture), ["UnitType"] = i.UnitOfMeasure,
                ["BillingPreTaxTotal"] = i.BillingPreTaxTotal.ToString(System.Globalization.CultureInfo.InvariantCulture), ["BillingCurrency"] = i.BillingCurrency,
                ["PricingPreTaxTotal"] = i.BillingPreTaxTotal.ToString(System.Globalization.CultureInfo.InvariantCulture), ["PricingCurrency"] = i.BillingCurrency,
                ["PCToBCExchangeRate"] = "1", ["PCToBCExchangeRateDate"] = month.ToString("MM/dd/yyyy", System.Globalization.CultureInfo.InvariantCulture), ["CreditType"] = "Credit Not Applied",
            };
            Core.Billing.CsvText.Row(csv, Core.Billing.UsageFile.Columns.Select(c => values.GetValueOrDefault(c) ?? ""));
        }
        return csv.ToString();
    }

    private static async Task<List<PartnerCenterResources.UsageLineItem>> BetweenAsync(PortalDbContext db, string currency, DateOnly month, DateOnly today)
    {
        var metered = await db.Set<Plan>().AsNoTracking().Where(p => p.Product!.Kind == ProductKind.MeteredUsage && p.Product.Provider == "microsoft").Select(p => p.Sku).ToListAsync();
        var subscriptions = await (
            from s in db.Set<SandboxSubscription>().AsNoTracking()
            where s.Status == "active" && metered.Contains(s.OfferId)
            join t in db.Set<SandboxTenant>() on s.TenantId equals t.Id
            select new { s.Id, s.TenantId, s.CreatedAt, t.Domain, t.CompanyName }).ToListAsync();
        // The currency each tenant is billed in: its customer's, wherever a reseller linked it.
        var tenantIds = subscriptions.Select(s => (Guid?)s.TenantId).Distinct().ToList();
        var billedIn = await (
            from t in db.Set<MicrosoftTenant>().IgnoreQueryFilters()
            where tenantIds.Contains(t.TenantId)
            join a in db.Set<ProviderAuthorization>().IgnoreQueryFilters() on t.CustomerId equals a.CustomerId
            where a.Provider == "microsoft"
            select new { t.TenantId, a.Currency }).ToListAsync();
        var items = new List<PartnerCenterResources.UsageLineItem>();
        foreach (var s in subscriptions.Where(s => (billedIn.FirstOrDefault(b => b.TenantId == s.TenantId)?.Currency ?? "USD") == currency).OrderBy(s => s.Id))
        {
            var first = DateOnly.FromDateTime(s.CreatedAt.UtcDateTime);
            for (var day = first > month ? first : month; day <= today; day = day.AddDays(1))
            {
                foreach (var meter in Meters)
                {
                    var quantity = meter.Base + Hash(s.Id, day, meter.Id) % (meter.Spread + 1);
                    if (quantity == 0)
                        continue;
                    items.Add(new PartnerCenterResources.UsageLineItem
                    {
                        CustomerId = s.TenantId.ToString(), CustomerName = s.CompanyName, CustomerDomainName = s.Domain, ProductName = "Azure plan",
                        SubscriptionId = s.Id.ToString(), UsageDate = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), MeterId = meter.Id, MeterName = meter.Name,
                        MeterCategory = meter.Category, MeterRegion = "US East", UnitOfMeasure = meter.Unit, ChargeType = "new",
                        ResourceUri = $"/subscriptions/{s.Id}/resourceGroups/rg-demo/providers/{meter.Category.Replace(" ", "")}/{meter.Id}",
                        Quantity = quantity, BillingPreTaxTotal = Math.Round(quantity * meter.UnitCost, 6), BillingCurrency = currency,
                    });
                }
            }
        }
        return items;
    }

    private static int Hash(Guid subscription, DateOnly day, string meter) =>
        (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{subscription}:{day:yyyy-MM-dd}:{meter}"))) & 0x7FFFFFFF);
}
