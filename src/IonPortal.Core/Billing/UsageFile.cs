using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using IonPortal.Core.Catalog;
using IonPortal.Core.Validation;

namespace IonPortal.Core.Billing;

/// <summary>One day of one meter on one resource, as a provider rated it (what the importer keeps of a row).</summary>
public sealed record UsageRow(
    int Line, string ProviderCustomerId, string CustomerName, string CustomerDomain, string ProviderSubscriptionId, string ProductName,
    DateOnly UsageDate, string MeterId, string MeterName, string MeterCategory, string MeterRegion, string ResourceUri, string ChargeType,
    string Unit, decimal Quantity, decimal Cost, string Currency);

/// <summary>What is wrong with a line of a usage file (line 1 is the header).</summary>
public sealed record UsageError(int Line, string Column, Problem Problem);

/// <summary>A line read from a usage source: a row, or why it can't be imported.</summary>
public readonly record struct UsageLine(UsageRow? Row, IReadOnlyList<UsageError> Errors);

/// <summary>
/// Partner Center's daily rated usage reconciliation file, exactly as exported: its 55 columns by
/// name, UTF-8 with or without a byte-order mark, CRLF or LF, RFC 4180 quoting, dates as MM/DD/YYYY
/// or ISO 8601, amounts in exponent notation. It is read as a stream, a line at a time, so a
/// month of ten million rows never sits in memory.
/// </summary>
public static class UsageFile
{
    public static readonly string[] Columns =
    [
        "PartnerId", "PartnerName", "CustomerId", "CustomerName", "CustomerDomainName", "CustomerCountry", "MpnId", "Tier2MpnId", "InvoiceNumber",
        "ProductId", "SkuId", "AvailabilityId", "SkuName", "ProductName", "PublisherName", "PublisherId", "SubscriptionDescription", "SubscriptionId",
        "ChargeStartDate", "ChargeEndDate", "UsageDate", "MeterType", "MeterCategory", "MeterId", "MeterSubCategory", "MeterName", "MeterRegion", "Unit",
        "ResourceLocation", "ConsumedService", "ResourceGroup", "ResourceURI", "ChargeType", "UnitPrice", "Quantity", "UnitType", "BillingPreTaxTotal",
        "BillingCurrency", "PricingPreTaxTotal", "PricingCurrency", "ServiceInfo1", "ServiceInfo2", "Tags", "AdditionalInfo", "EffectiveUnitPrice",
        "PCToBCExchangeRate", "PCToBCExchangeRateDate", "EntitlementId", "EntitlementDescription", "PartnerEarnedCreditPercentage", "CreditPercentage",
        "CreditType", "BenefitId", "BenefitOrderId", "BenefitType",
    ];

    private static readonly string[] DateFormats =
        ["MM/dd/yyyy", "M/d/yyyy", "MM/dd/yyyy HH:mm:ss", "M/d/yyyy h:mm:ss tt", "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.fffffffZ", "o"];

    // The columns the importer reads, and the longest each may be (as the usage table stores them); the first eight are required.
    private static readonly (string Column, int MaxLength)[] Fields_ =
    [
        ("CustomerId", 64), ("SubscriptionId", 64), ("UsageDate", 40), ("MeterId", 64), ("Quantity", 60), ("BillingPreTaxTotal", 60), ("BillingCurrency", 3), ("ChargeType", 32),
        ("CustomerName", 256), ("CustomerDomainName", 256), ("ProductName", 200), ("MeterName", 200), ("MeterCategory", 100), ("MeterRegion", 64), ("ResourceURI", 1000), ("Unit", 64),
    ];

    private const int RequiredCount = 8;

    [ThreadStatic] private static (string? Text, DateOnly Day) _lastDate;

    /// <summary>The columns <see cref="Parse"/> takes, in its order.</summary>
    public static readonly IReadOnlyList<string> Fields = [.. Fields_.Select(f => f.Column)];

    private const int CustomerId = 0, SubscriptionId = 1, UsageDate = 2, MeterId = 3, Quantity = 4, Cost = 5, Currency = 6, ChargeType = 7,
        CustomerName = 8, Domain = 9, Product = 10, MeterName = 11, Category = 12, Region = 13, Resource = 14, Unit = 15;

    /// <summary>The file's lines, each a row or its errors; a file that isn't this format yields one error on line 1.</summary>
    public static IEnumerable<UsageLine> Read(Stream content)
    {
        using var reader = new StreamReader(content, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, TrimOptions = TrimOptions.None, CacheFields = true });
        if (!parser.Read())
        {
            yield return new(null, [new(1, "", Problems.UsageFileEmpty)]);
            yield break;
        }
        var header = parser.Record!.Select(h => h.Trim()).ToArray();
        var missing = Columns.Except(header, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            yield return new(null, [new(1, string.Join(", ", missing), Problems.UsageFileColumnsMissing)]);
            yield break;
        }
        var at = Fields.Select(f => Array.IndexOf(header, f)).ToArray();
        var values = new string[at.Length];
        var any = false;
        while (parser.Read())
        {
            var count = parser.Count;
            var blank = true;
            for (var i = 0; i < at.Length; i++)
            {
                values[i] = at[i] < count ? parser[at[i]].Trim() : "";
                blank &= values[i].Length == 0;
            }
            if (blank && Enumerable.Range(0, count).All(i => string.IsNullOrWhiteSpace(parser[i])))
                continue;   // a blank line at the end of a saved file
            any = true;
            yield return Parse(parser.RawRow, values);
        }
        if (!any)
            yield return new(null, [new(1, "", Problems.UsageFileEmpty)]);
    }

    /// <summary>A row from its values, in the order of <see cref="Fields"/>, checked as a file's row is.</summary>
    public static UsageLine Parse(int line, IReadOnlyList<string> value)
    {
        List<UsageError>? errors = null;
        void Fail(string column, Problem problem) => (errors ??= []).Add(new(line, column, problem));
        for (var i = 0; i < Fields_.Length; i++)
        {
            var (column, max) = Fields_[i];
            var text = value[i];
            if (i < RequiredCount && text.Length == 0)
                Fail(column, Problems.UsageValueRequired);
            else if (text.Length > max)
                Fail(column, Problems.TooLong(max));
        }
        DateOnly? date = null;
        if (value[UsageDate] is { Length: > 0 } dateText)
        {
            // A file's rows come day by day: the last date read is usually this row's too.
            if (dateText == _lastDate.Text)
                date = _lastDate.Day;
            else if (DateTime.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
                _lastDate = (dateText, (date = DateOnly.FromDateTime(parsed)).Value);
            else
                Fail("UsageDate", Problems.UsageDateInvalid);
        }
        var quantity = Amount(value[Quantity]);
        if (quantity is null && value[Quantity].Length > 0)
            Fail("Quantity", Problems.UsageAmountInvalid);
        var cost = Amount(value[Cost]);
        if (cost is null && value[Cost].Length > 0)
            Fail("BillingPreTaxTotal", Problems.UsageAmountInvalid);
        var currency = value[Currency].ToUpperInvariant();
        if (currency.Length == 3 && !Currencies.IsSupported(currency))
            Fail("BillingCurrency", Problems.CurrencyUnsupported);
        if (errors is not null)
            return new(null, errors);
        return new(new UsageRow(line, value[CustomerId].ToLowerInvariant(), value[CustomerName], value[Domain].ToLowerInvariant(),
            value[SubscriptionId].ToLowerInvariant(), value[Product], date!.Value, value[MeterId].ToLowerInvariant(), value[MeterName],
            value[Category], value[Region], value[Resource], value[ChargeType], value[Unit], quantity!.Value, cost!.Value, currency), []);
    }

    // Amounts may be negative (credits and refunds) and in exponent notation (7.10833E-05).
    private static decimal? Amount(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
