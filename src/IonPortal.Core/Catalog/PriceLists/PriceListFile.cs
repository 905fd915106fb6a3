using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using IonPortal.Core.Validation;

namespace IonPortal.Core.Catalog.PriceLists;

/// <summary>One row of Partner Center's new-commerce license-based price list, as the importer uses it.</summary>
public sealed record PriceListRow(
    int Line, string ProductId, string ProductTitle, string SkuId, string SkuTitle, string SkuDescription, string UnitOfMeasure,
    Term Term, BillingFrequency Billing, string Currency, decimal UnitPrice, decimal ErpPrice, int TierMin, string Segment, string Tags)
{
    /// <summary>The plan's part number in the catalog: product, SKU, term and billing plan (Partner Center's catalog item, per way of paying).</summary>
    public string PlanSku => $"{ProductId}:{SkuId}:{Term}:{Billing}";
}

/// <summary>What is wrong with a line of the file (line 1 is the header).</summary>
public sealed record PriceListError(int Line, string Column, Problem Problem);

/// <summary>A price list read whole: its rows, or every reason it can't be imported.</summary>
public sealed record PriceListFile(IReadOnlyList<PriceListRow> Rows, IReadOnlyList<PriceListError> Errors, string? Currency)
{
    public bool IsValid => Errors.Count == 0 && Rows.Count > 0;

    public static readonly string[] Columns =
    [
        "ChangeIndicator", "ProductTitle", "ProductId", "SkuId", "SkuTitle", "Publisher", "SkuDescription", "UnitOfMeasure",
        "TermDuration", "BillingPlan", "Market", "Currency", "UnitPrice", "PricingTierRangeMin", "PricingTierRangeMax",
        "EffectiveStartDate", "EffectiveEndDate", "Tags", "ERP Price", "Segment", "PreviousValues",
    ];

    private static readonly string[] DateFormats = ["MM/dd/yyyy", "M/d/yyyy", "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.fffffffZ", "o"];

    /// <summary>
    /// Reads the file as real exports come: UTF-8 with or without a byte-order mark, CRLF or LF,
    /// RFC 4180 quoting, amounts in exponent notation, dates as MM/DD/YYYY or ISO 8601, SKU ids
    /// that lost their leading zeros in a spreadsheet. Bad rows don't stop the reading: every one is
    /// reported with its line, so a file is fixed in one go.
    /// </summary>
    public static PriceListFile Read(Stream content, IProgress<int>? progress = null)
    {
        using var reader = new StreamReader(content, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, BadDataFound = null, MissingFieldFound = null });
        var errors = new List<PriceListError>();
        var rows = new List<PriceListRow>();
        if (!csv.Read() || !csv.ReadHeader())
            return new([], [new(1, "", Problems.PriceListEmpty)], null);
        var missing = Columns.Except(csv.HeaderRecord!, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            return new([], [new(1, string.Join(", ", missing), Problems.PriceListColumnsMissing)], null);

        string? currency = null;
        var seen = new Dictionary<(string, int), int>();
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            if (csv.Parser.Record is { } record && record.All(string.IsNullOrWhiteSpace))
                continue;   // a blank line at the end of a saved file
            string Text(string column) => csv.GetField(column) ?? "";
            void Fail(string column, Problem problem) => errors.Add(new(line, column, problem));
            var before = errors.Count;

            foreach (var required in new[] { "ProductId", "ProductTitle", "SkuId", "SkuTitle", "Currency", "Segment" })
            {
                if (Text(required).Length == 0)
                    Fail(required, Problems.PriceListValueRequired);
            }
            var skuId = Text("SkuId");
            if (skuId.Length > 0 && !(skuId.Length <= 4 && skuId.All(char.IsAsciiLetterOrDigit)))
                Fail("SkuId", Problems.PriceListSkuInvalid);
            if (Text("ProductId").Length > 20)
                Fail("ProductId", Problems.TooLong(20));
            Term? term = Text("TermDuration") switch { "P1M" => Term.P1M, "P1Y" => Term.P1Y, "P3Y" => Term.P3Y, _ => null };
            if (term is null)
                Fail("TermDuration", Problems.PriceListTermInvalid);
            BillingFrequency? billing = Text("BillingPlan") switch
            {
                "Monthly" => BillingFrequency.Monthly, "Annual" => BillingFrequency.Annual, "Triennial" => BillingFrequency.Triennial, "None" => BillingFrequency.OneTime, _ => null,
            };
            if (billing is null)
                Fail("BillingPlan", Problems.PriceListBillingInvalid);
            else if (term is { } t && !Fits(t, billing.Value))
                Fail("BillingPlan", Problems.PriceListBillingOutsideTerm);
            var rowCurrency = Text("Currency").ToUpperInvariant();
            if (rowCurrency.Length > 0 && !Currencies.IsSupported(rowCurrency))
                Fail("Currency", Problems.CurrencyUnsupported);
            else if (rowCurrency.Length > 0 && (currency ??= rowCurrency) != rowCurrency)
                Fail("Currency", Problems.PriceListCurrencyMixed);
            var unitPrice = Amount(Text("UnitPrice"));
            if (unitPrice is null)
                Fail("UnitPrice", Problems.PriceListAmountInvalid);
            var erpPrice = Amount(Text("ERP Price"));
            if (erpPrice is null)
                Fail("ERP Price", Problems.PriceListAmountInvalid);
            var tierMin = Text("PricingTierRangeMin") is { Length: > 0 } min ? Amount(min) : 0;
            if (tierMin is null || tierMin < 0 || tierMin != decimal.Truncate(tierMin.Value))
                Fail("PricingTierRangeMin", Problems.PriceListAmountInvalid);
            foreach (var column in new[] { "EffectiveStartDate", "EffectiveEndDate" })
            {
                if (Text(column) is { Length: > 0 } date && !DateTime.TryParseExact(date, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _))
                    Fail(column, Problems.PriceListDateInvalid);
            }
            if (errors.Count == before)
            {
                var row = new PriceListRow(line, Text("ProductId"), Text("ProductTitle"), skuId.PadLeft(4, '0'), Text("SkuTitle"), Text("SkuDescription"),
                    Text("UnitOfMeasure"), term!.Value, billing!.Value, rowCurrency, unitPrice!.Value, erpPrice!.Value, (int)tierMin!.Value, Text("Segment"), Text("Tags"));
                if (seen.TryGetValue((row.PlanSku + ":" + row.Segment, row.TierMin), out var first))
                    Fail("SkuId", Problems.PriceListRowRepeated(first));
                else
                {
                    seen[(row.PlanSku + ":" + row.Segment, row.TierMin)] = line;
                    rows.Add(row);
                }
            }
            if (line % 500 == 0)
                progress?.Report(line);
        }
        return new(rows, errors, currency);
    }

    // A term is billed in charges that divide it: a year monthly or at once, three years monthly, yearly or at once.
    private static bool Fits(Term term, BillingFrequency billing) => (term, billing) switch
    {
        (Term.P1M, BillingFrequency.Monthly or BillingFrequency.OneTime) => true,
        (Term.P1Y, BillingFrequency.Monthly or BillingFrequency.Annual or BillingFrequency.OneTime) => true,
        (Term.P3Y, _) => true,
        _ => false,
    };

    private static decimal? Amount(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : null;
}
