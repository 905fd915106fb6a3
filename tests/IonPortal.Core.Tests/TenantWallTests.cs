using System.Reflection;
using IonPortal.Core.Accounts;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.Resellers;
using IonPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IonPortal.Core.Tests;

/// <summary>The tenant wall: the query filter for reads, the save interceptor for writes, and the one door across.</summary>
public class TenantWallTests : IAsyncLifetime
{
    private DomainHarness _harness = default!;
    private Reseller _ses = default!;
    private Reseller _north = default!;
    private Customer _contoso = default!;
    private Customer _fabrikam = default!;

    public async Task InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync("tenant_wall");
        _ses = await _harness.AddResellerAsync("ses");
        _north = await _harness.AddResellerAsync("north");
        _contoso = await _harness.AddCustomerAsync(_ses.Id, "Contoso");
        _fabrikam = await _harness.AddCustomerAsync(_north.Id, "Fabrikam");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_tenant_sees_only_its_own_rows()
    {
        await using var scope = _harness.Scope(_ses.Id);
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
    public async Task A_new_row_gets_the_current_reseller_and_a_row_of_another_reseller_is_never_saved()
    {
        await using (var scope = _harness.Scope(_ses.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var unstamped = new Customer { Id = Guid.CreateVersion7(), CompanyName = "Stamped", CreatedAt = DateTimeOffset.UtcNow };
            db.Add(unstamped);
            await db.SaveChangesAsync();
            Assert.Equal(_ses.Id, unstamped.ResellerId);

            db.Add(new Customer { Id = Guid.CreateVersion7(), ResellerId = _north.Id, CompanyName = "Smuggled", CreatedAt = DateTimeOffset.UtcNow });
            await Assert.ThrowsAsync<TenantWallException>(() => db.SaveChangesAsync());
        }
        await using (var scope = _harness.Scope(_ses.Id))
        {
            // Even a row reached around the filter can't be changed or deleted from the wrong tenant.
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var foreign = await db.Set<Customer>().IgnoreQueryFilters().SingleAsync(c => c.Id == _fabrikam.Id);
            foreign.CompanyName = "Renamed";
            await Assert.ThrowsAsync<TenantWallException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            db.Remove(foreign);
            await Assert.ThrowsAsync<TenantWallException>(() => db.SaveChangesAsync());
        }
        await using (var scope = _harness.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.Add(new Customer { Id = Guid.CreateVersion7(), ResellerId = _ses.Id, CompanyName = "Nobody's", CreatedAt = DateTimeOffset.UtcNow });
            await Assert.ThrowsAsync<TenantWallException>(() => db.SaveChangesAsync());
        }
        await using (var check = _harness.Scope(_north.Id))
            Assert.Equal(["Fabrikam"], await check.ServiceProvider.GetRequiredService<PortalDbContext>().Set<Customer>().Select(c => c.CompanyName).ToListAsync());
    }

    [Fact]
    public async Task Only_operators_and_background_work_read_across_resellers_through_the_one_door()
    {
        var op = await _harness.AddUserAsync(PortalUser.Operator("op@platform.test", "Op", DateTimeOffset.UtcNow));
        var owner = await _harness.AddStaffAsync(_ses.Id, PortalRoles.Owner, "owner@ses.test");

        await using (var scope = _harness.Scope(null, op))
        {
            var all = await scope.ServiceProvider.GetRequiredService<AllTenants>().Read<Customer>("test").Select(c => c.CompanyName).OrderBy(n => n).ToListAsync();
            Assert.Equal(["Contoso", "Fabrikam"], all);
        }
        await using (var scope = _harness.Scope())
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<AllTenants>().Read<Customer>("background test").CountAsync());
        await using (var scope = _harness.Scope(_ses.Id, owner))
            Assert.Throws<TenantWallException>(() => scope.ServiceProvider.GetRequiredService<AllTenants>().Read<Customer>("curiosity"));
    }

    [Fact]
    public async Task Every_entity_with_a_reseller_id_is_tenant_owned_or_says_why_it_is_shared()
    {
        await using var scope = _harness.Scope();
        var model = scope.ServiceProvider.GetRequiredService<PortalDbContext>().Model;

        var unexplained = model.GetEntityTypes()
            .Where(e => e.FindProperty(nameof(ITenantOwned.ResellerId)) is not null)
            .Select(e => e.ClrType)
            .Where(t => !typeof(ITenantOwned).IsAssignableFrom(t) && t.GetCustomAttribute<SharedAcrossTenantsAttribute>() is null)
            .Select(t => t.Name)
            .ToList();

        Assert.Empty(unexplained);
        Assert.Contains(model.GetEntityTypes(), e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType));
    }

    [Fact]
    public void A_unit_of_work_cannot_switch_tenants_or_actors()
    {
        var tenant = new TenantContext();
        tenant.Enter(_contoso.ResellerId, "ses");
        var actor = new CurrentActor();
        actor.ActAs(Actor.Person(Guid.NewGuid(), "Ana", PortalRoles.Owner));

        Assert.Throws<InvalidOperationException>(() => tenant.Enter(_fabrikam.ResellerId, "north"));
        Assert.Throws<InvalidOperationException>(() => actor.ActAs(Actor.System()));
    }

    [Fact]
    public async Task A_unit_of_work_that_acts_for_nobody_is_refused_rather_than_credited_to_the_system()
    {
        await using var scope = _harness.Scope(_ses.Id, Actor.Visitor);
        var unbound = scope.ServiceProvider.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        await using (unbound)
        {
            unbound.ServiceProvider.GetRequiredService<TenantContext>().Enter(_ses.Id, "ses");
            var customers = unbound.ServiceProvider.GetRequiredService<Customers.CustomerRecords>();

            await Assert.ThrowsAsync<MissingActorException>(() => customers.SetStatusAsync(_contoso.Id, CustomerStatus.Suspended));
        }
        Assert.Equal(IonPortal.Core.Validation.OutcomeStatus.Forbidden,
            (await scope.ServiceProvider.GetRequiredService<Customers.CustomerRecords>().SetStatusAsync(_contoso.Id, CustomerStatus.Suspended)).Status);
    }
}
