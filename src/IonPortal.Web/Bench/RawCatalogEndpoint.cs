using System.Globalization;
using System.Net;
using System.Text;
using IonPortal.Core.Storefronts;
using IonPortal.Web.Caching;
using IonPortal.Web.Hosting;
using IonPortal.Web.Tenancy;
using Npgsql;

namespace IonPortal.Web.Bench;

/// <summary>
/// The benchmark's yardstick (<c>bench/storefront-catalog.sh</c>), mapped only when
/// <c>Bench:RawEndpoint</c> is true: the rows of one storefront catalog page read with a single raw
/// Npgsql query and written as the same number of tiles, with no EF Core, components or output
/// cache. Like the real page it learns the reseller and currency from the storefront resolution.
/// </summary>
public static class RawCatalogEndpoint
{
    private const string Sql = """
        SELECT p.id, p.name, v.name, p.category, p.short_description,
               (SELECT min(pp.cost) FROM plans pl JOIN plan_prices pp ON pp.plan_id = pl.id
                WHERE pl.product_id = p.id AND pl.retired_at IS NULL AND pp.currency = @currency) AS from_cost
        FROM products p JOIN vendors v ON v.id = p.vendor_id
        WHERE p.retired_at IS NULL
          AND EXISTS (SELECT 1 FROM storefront_vendors sv WHERE sv.reseller_id = @reseller AND sv.vendor_id = p.vendor_id)
          AND NOT EXISTS (SELECT 1 FROM storefront_hidden_products h WHERE h.reseller_id = @reseller AND h.product_id = p.id)
          AND EXISTS (SELECT 1 FROM plans pl JOIN plan_prices pp ON pp.plan_id = pl.id
                      WHERE pl.product_id = p.id AND pl.retired_at IS NULL AND pp.currency = @currency)
        ORDER BY p.name, p.id
        LIMIT @size OFFSET @offset
        """;

    public static void MapRawCatalogEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{Storefront.WhiteLabelPrefix}/bench-raw-catalog", async (Storefront storefront, StorefrontPricing pricing, PortalDatabase database, int? page) =>
        {
            var book = await pricing.BookAsync();
            var html = new StringBuilder("<!DOCTYPE html><html><body><div class=\"row\">");
            await using (var connection = new NpgsqlConnection(database.ConnectionString))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(Sql, connection);
                command.Parameters.AddWithValue("reseller", storefront.Reseller.Id);
                command.Parameters.AddWithValue("currency", book.Currency);
                command.Parameters.AddWithValue("size", StorefrontCatalog.PageSize);
                command.Parameters.AddWithValue("offset", (Math.Max(1, page ?? 1) - 1) * StorefrontCatalog.PageSize);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    html.Append("<article class=\"card product-tile\"><span>").Append(WebUtility.HtmlEncode(reader.GetString(2)))
                        .Append("</span><span>").Append(WebUtility.HtmlEncode(reader.GetString(3)))
                        .Append("</span><h2><a href=\"/v2c/products/").Append(reader.GetGuid(0)).Append("\">").Append(WebUtility.HtmlEncode(reader.GetString(1)))
                        .Append("</a></h2><p>").Append(WebUtility.HtmlEncode(reader.GetString(4)))
                        .Append("</p><div>From ").Append(reader.GetDecimal(5).ToString("0.00", CultureInfo.InvariantCulture)).Append("</div></article>");
                }
            }
            html.Append("</div></body></html>");
            return Results.Content(html.ToString(), "text/html; charset=utf-8");
        });
    }
}
