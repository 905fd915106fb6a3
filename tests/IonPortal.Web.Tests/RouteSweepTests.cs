using System.Net;
using IonPortal.Web.Demo;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IonPortal.Web.Tests;

/// <summary>
/// Every page the app maps, opened with junk in its address (ids that exist nowhere, query values
/// that mean nothing, a NUL, a quote) by a visitor, a reseller's staff, an operator and a customer:
/// it may say "not found", "sign in" or "no access", never an error page.
/// </summary>
public class RouteSweepTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    // Letters for numbers, an 11-digit number, empty values, a NUL and a quote, 3,000 characters.
    private static readonly string[] Junk =
    [
        "q=%00%27%22%3Cx%3E&page=-7&sort=%27drop&desc=maybe&status=7&tab=everything&vendor=nope&category=%00&provider=%00&basis=9&retired=perhaps&request=x&token=%00&user=nope&what=%00&from=banana&to=2026-13-45&returnUrl=%2F%2Fevil.example&done=maybe&recovery=perhaps&rememberMe=nope&month=2026-99&period=%00&group=7&kind=nope&saved=abc&customer=%00&meter=%00",
        "q=&page=99999999999&sort=&desc=&status=&tab=&vendor=&category=&provider=&basis=&request=&token=&user=",
        $"q={new string('x', 3000)}&page=abc&desc=abc&sort={new string('s', 3000)}&vendor={Guid.NewGuid()}&category={new string('c', 3000)}",
    ];

    public static TheoryData<string> People => ["", "admin@sesdemo.test", DemoData.OperatorEmail, "buyer@contoso.test"];

    private IReadOnlyList<string> Addresses()
    {
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") != false)
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(r => !r.StartsWith("_", StringComparison.Ordinal) && !r.Contains("{**", StringComparison.Ordinal) && !r.Contains('.'))
            .Distinct().ToList();
        Assert.Contains("/console/customers/{Id:guid}", routes);
        return routes.SelectMany(route =>
        {
            // An id that exists nowhere; the same address with a junk id is tried too (it matches no route).
            string Path(string id) => "/" + System.Text.RegularExpressions.Regex.Replace(route.TrimStart('/'), @"\{[^}]+\}", id);
            var path = Path(Guid.NewGuid().ToString());
            var storefront = path.StartsWith("/v2c", StringComparison.Ordinal) || path.StartsWith("/marketplace", StringComparison.Ordinal);
            return Junk.SelectMany(junk => storefront
                ? new[] { $"{path}?accountName=sesdemo&{junk}", $"{path}?accountName=%00&{junk}" }
                : new[] { $"{path}?{junk}", $"{Path("not-an-id")}?{junk}" }).Distinct();
        }).ToList();
    }

    [Theory]
    [MemberData(nameof(People))]
    public async Task No_address_with_junk_in_it_breaks_a_page(string email)
    {
        var client = factory.CreatePortalClient();
        if (email == "buyer@contoso.test")
            await client.SignInToStorefrontAsync("sesdemo", email);
        else if (email.Length > 0)
            await client.SignInToConsoleAsync(email);

        var broken = new List<string>();
        var shown = 0;
        var addresses = Addresses();
        foreach (var address in addresses)
        {
            var page = await client.GetAsync(address);
            if ((int)page.Status >= 500)
                broken.Add($"{(int)page.Status} {address}");
            shown += page.Status == HttpStatusCode.OK ? 1 : 0;
        }

        Assert.Empty(broken);
        Assert.True(addresses.Count > 40, $"only {addresses.Count} addresses");
        Assert.True(shown >= 5, $"only {shown} of {addresses.Count} pages answered at all");   // the junk reached pages, not just the sign-in
    }
}
