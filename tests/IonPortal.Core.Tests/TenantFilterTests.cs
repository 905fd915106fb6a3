using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IonPortal.Core.Tests;

public class TenantFilterTests : IAsyncLifetime
{
    private DomainHarness _harness = default!;
    private Customer _contoso = default!;
    private Customer _fabrikam = default!;

    public async Task InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync("tenant_filter");
        var ses = await _harness.AddResellerAsync("ses");
        var north = await _harness.AddResellerAsync("north");
        _contoso = await _harness.AddCustomerAsync(ses.Id, "Contoso");
        _fabrikam = await _harness.AddCustomerAsync(north.Id, "Fabrikam");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_tenant_sees_only_its_own_rows()
    {
        await using var scope = _harness.Scope(_contoso.ResellerId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        Assert.Equal(["Contoso"], await db.Set<Customer>().Select(c => c.CompanyName).ToListAsync());
        Assert.Null(await db.Set<Customer>().FirstOrDefaultAsync(c => c.Id == _fabrikam.Id));
    }

    [Fact]
    public async Task Without_a_tenant_nothing_tenant_owned_is_visible()
    {
        await using var scope = _harness.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        Assert.Empty(await db.Set<Customer>().ToListAsync());
    }

    [Fact]
    public async Task Operators_bypass_the_filter_only_when_they_ask_for_it()
    {
        await using var scope = _harness.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        var all = await db.Set<Customer>().IgnoreQueryFilters([PortalDbContext.TenantFilter]).Select(c => c.CompanyName).OrderBy(n => n).ToListAsync();

        Assert.Equal(["Contoso", "Fabrikam"], all);
    }

    [Fact]
    public void A_unit_of_work_cannot_switch_tenants()
    {
        var tenant = new TenantContext();
        tenant.Enter(_contoso.ResellerId, "ses");

        Assert.Throws<InvalidOperationException>(() => tenant.Enter(_fabrikam.ResellerId, "north"));
    }
}
