using System.Diagnostics;
using IonPortal.Core.Customers;
using IonPortal.Core.PartnerCenter;
using IonPortal.Core.ProviderSandbox;
using IonPortal.Web.ProviderSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IonPortal.Web.Tests;

/// <summary>
/// The typed Partner Center client against the app's own provider sandbox, with faults on demand:
/// what is retried, what times out, and what the reseller is told.
/// </summary>
public class PartnerCenterClientTests(PortalFactory factory) : IClassFixture<PortalFactory>, IDisposable
{
    private PartnerCenterClient Client => factory.Services.GetRequiredService<PartnerCenterClient>();

    private SandboxFaults Faults => factory.Services.GetRequiredService<SandboxFaults>();

    private static NewTenantRequest Tenant(string prefix, string postalCode = "98052") =>
        new(prefix, "Tailspin Toys", new ContactDetails("Lena", "Park", "lena@tailspintoys.test", "+1 425 555 0107", null),
            new PostalAddress("17 Harbor Road", "Redmond", "WA", postalCode, "US"), "en");

    public void Dispose()
    {
        Faults.Latency = TimeSpan.Zero;
        Faults.TooManyRequests(0);
        Faults.ServerErrors(0);
    }

    [Fact]
    public async Task A_domain_is_free_until_a_customer_takes_it_and_then_it_is_taken_for_everyone()
    {
        var before = await Client.IsDomainTakenAsync("tailspintoys1");
        var created = await Client.CreateCustomerAsync(Tenant("tailspintoys1"));
        var after = await Client.IsDomainTakenAsync("tailspintoys1");
        var again = await Client.CreateCustomerAsync(Tenant("TailspinToys1"));

        Assert.False(before.Value);
        Assert.True(created.IsDone, created.ToString());
        Assert.Equal("tailspintoys1.onmicrosoft.com", created.Value.Domain);
        Assert.Equal("admin@tailspintoys1.onmicrosoft.com", created.Value.AdminUserName);
        Assert.NotEqual(Guid.Empty, created.Value.TenantId);
        Assert.True(after.Value);
        Assert.Equal(Problems.DomainTaken, again.Errors["DomainPrefix"]);
    }

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After_and_the_customer_is_created_once()
    {
        Faults.RetryAfterSeconds = 1;
        Faults.TooManyRequests(2);
        var clock = Stopwatch.StartNew();

        var created = await Client.CreateCustomerAsync(Tenant("retried429"));

        Assert.True(created.IsDone, created.ToString());
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"answered after {clock.Elapsed}, sooner than two Retry-After waits");
        Assert.Equal(1, await factory.QueryAsync(db => db.Set<SandboxTenant>().CountAsync(t => t.Domain == "retried429.onmicrosoft.com")));
    }

    [Fact]
    public async Task A_500_that_persists_is_explained_and_nothing_is_created()
    {
        Faults.ServerErrors(10);

        var refused = await Client.CreateCustomerAsync(Tenant("failing500"));

        Assert.Equal(Problems.ProviderFailed, refused.Problem);
        Assert.Equal(0, await factory.QueryAsync(db => db.Set<SandboxTenant>().CountAsync(t => t.Domain == "failing500.onmicrosoft.com")));
    }

    [Fact]
    public async Task A_500_that_passes_is_retried_unseen()
    {
        Faults.ServerErrors(1);

        Assert.False((await Client.IsDomainTakenAsync("passing500")).Value);
    }

    [Fact]
    public async Task An_answer_slower_than_the_attempt_timeout_is_explained()
    {
        Faults.Latency = TimeSpan.FromSeconds(3);

        var slow = await Client.IsDomainTakenAsync("slowanswer");

        Assert.Equal(Problems.ProviderTimedOut, slow.Problem);
    }

    [Fact]
    public async Task An_address_wrong_for_its_country_is_refused_with_the_company_details_to_check()
    {
        var refused = await Client.CreateCustomerAsync(Tenant("badaddress", postalCode: "ABC"));

        Assert.Equal(Problems.ProviderRefusedDetails, refused.Problem);
    }

    [Fact]
    public async Task The_one_time_password_is_nowhere_in_the_database_or_the_logs()
    {
        var created = await Client.CreateCustomerAsync(Tenant("nopassword"));
        var password = created.Value.AdminPassword;

        Assert.False(string.IsNullOrEmpty(password));
        Assert.DoesNotContain(factory.Logs, log => log.Message.Contains(password, StringComparison.Ordinal));
        Assert.DoesNotContain(password, created.Value.ToString());
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var command = new NpgsqlCommand("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb')
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        Assert.NotEmpty(columns);
        foreach (var (table, column) in columns)
        {
            await using var search = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE \"{column}\"::text LIKE '%' || @password || '%'", connection);
            search.Parameters.AddWithValue("password", password);
            Assert.True((long)(await search.ExecuteScalarAsync())! == 0, $"{table}.{column} holds the password");
        }
    }

    private static readonly PurchaseLine[] Seats =
    [
        new("CFQ7TTC0LH18:0001:CFQ7TTC0LH18", 5, IonPortal.Core.Catalog.Term.P1Y, IonPortal.Core.Catalog.BillingFrequency.Monthly),
        new("CFQ7TTC0MLFG:0002:CFQ7TTC0MLFG", 2, IonPortal.Core.Catalog.Term.P1M, IonPortal.Core.Catalog.BillingFrequency.Monthly),
    ];

    [Fact]
    public async Task A_purchase_makes_a_subscription_per_line_whose_seats_status_and_renewal_change()
    {
        var tenant = (await Client.CreateCustomerAsync(Tenant("buyer1"))).Value.TenantId;

        var bought = await Client.PurchaseAsync(tenant, Seats, Guid.NewGuid());
        var first = bought.Value[0];
        var read = await Client.GetSubscriptionAsync(tenant, first);
        var more = await Client.UpdateSubscriptionAsync(tenant, first, new SubscriptionChange(Quantity: 8));
        var suspended = await Client.UpdateSubscriptionAsync(tenant, first, new SubscriptionChange(Status: "suspended", AutoRenew: false));
        var refused = await Client.UpdateSubscriptionAsync(tenant, first, new SubscriptionChange(Quantity: 0));
        var elsewhere = await Client.GetSubscriptionAsync(Guid.NewGuid(), first);

        Assert.True(bought.IsDone, bought.ToString());
        Assert.Equal(2, bought.Value.Count);
        Assert.Equal(("CFQ7TTC0LH18:0001:CFQ7TTC0LH18", 5, "active", true), (read.Value!.OfferId, read.Value.Quantity, read.Value.Status, read.Value.AutoRenew));
        Assert.Equal(8, more.Value.Quantity);
        Assert.Equal(("suspended", false, 8), (suspended.Value.Status, suspended.Value.AutoRenew, suspended.Value.Quantity));
        Assert.Equal(Problems.ProviderRefusedDetails, refused.Problem);
        Assert.Null(elsewhere.Value);
    }

    [Fact]
    public async Task A_purchase_retried_or_sent_twice_at_once_with_the_same_request_id_buys_once()
    {
        var tenant = (await Client.CreateCustomerAsync(Tenant("buyer2"))).Value.TenantId;
        var requestId = Guid.NewGuid();

        Faults.RetryAfterSeconds = 0;
        Faults.TooManyRequests(1);
        var first = await Client.PurchaseAsync(tenant, Seats, requestId);
        var again = await Client.PurchaseAsync(tenant, Seats, requestId);
        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Client.PurchaseAsync(tenant, Seats, requestId)));
        var raced = Guid.NewGuid();
        var together = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Client.PurchaseAsync(tenant, Seats, raced)));

        Assert.True(first.IsDone, first.ToString());
        Assert.Equal(first.Value, again.Value);
        Assert.All(racing, r => Assert.Equal(first.Value, r.Value));
        Assert.Single(together.Where(r => r.IsDone).Select(r => string.Join(",", r.Value)).Distinct());
        Assert.Equal(4, await factory.QueryAsync(db => db.Set<SandboxSubscription>().CountAsync(s => s.TenantId == tenant)));   // two purchases of two lines
    }
}
