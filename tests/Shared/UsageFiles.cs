using System.Text;
using IonPortal.Core.Billing;

namespace IonPortal.Testing;

/// <summary>Daily rated usage reconciliation files as Partner Center exports them (all 55 columns), for tests.</summary>
public static class UsageFiles
{
    /// <summary>A usage row: the values that matter, the rest filled as a real export fills them.</summary>
    public sealed record Row(string CustomerId, string SubscriptionId, string UsageDate, string MeterId, string Quantity, string Cost,
        string Currency = "USD", string MeterName = "D2s v3", string Domain = "", string ChargeType = "Usage");

    public static string Csv(IEnumerable<Row> rows, bool byteOrderMark = true, string newLine = "\r\n")
    {
        var csv = new StringBuilder();
        if (byteOrderMark)
            csv.Append('\uFEFF');
        csv.Append(string.Join(",", UsageFile.Columns)).Append(newLine);
        foreach (var r in rows)
        {
            var values = UsageFile.Columns.ToDictionary(c => c, _ => "");
            values["PartnerId"] = "3c1f8a8e-3d9a-4b8e-9d0b-5f2b1c8a9e11";
            values["PartnerName"] = "Contoso Reseller";
            values["CustomerId"] = r.CustomerId;
            values["CustomerName"] = "\"Customer, Inc.\"";
            values["CustomerDomainName"] = r.Domain;
            values["ProductName"] = "Azure plan";
            values["SubscriptionId"] = r.SubscriptionId;
            values["UsageDate"] = r.UsageDate;
            values["ChargeStartDate"] = r.UsageDate;
            values["MeterCategory"] = "Virtual Machines";
            values["MeterId"] = r.MeterId;
            values["MeterName"] = r.MeterName;
            values["MeterRegion"] = "US East";
            values["Unit"] = "1 Hour";
            values["ResourceURI"] = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";
            values["ChargeType"] = r.ChargeType;
            values["Quantity"] = r.Quantity;
            values["BillingPreTaxTotal"] = r.Cost;
            values["BillingCurrency"] = r.Currency;
            values["PricingPreTaxTotal"] = r.Cost;
            values["PricingCurrency"] = r.Currency;
            csv.Append(string.Join(",", UsageFile.Columns.Select(c => values[c]))).Append(newLine);
        }
        return csv.ToString();
    }

    public static MemoryStream Stream(IEnumerable<Row> rows, bool byteOrderMark = true, string newLine = "\r\n") =>
        new(Encoding.UTF8.GetBytes(Csv(rows, byteOrderMark, newLine)));
}
