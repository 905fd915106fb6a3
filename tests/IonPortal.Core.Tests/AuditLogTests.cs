using IonPortal.Core.Auditing;
using IonPortal.Core.Data;
using IonPortal.Core.Paging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IonPortal.Core.Tests;

public class AuditLogTests
{
    [Fact]
    public async Task The_log_shows_a_resellers_own_events_newest_first_by_who_what_and_when()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero));
        await using var harness = await DomainHarness.CreateAsync("audit_log", clock);
        var ses = await harness.AddResellerAsync("ses");
        var north = await harness.AddResellerAsync("north");

        async Task RecordAsync(Guid reseller, string who, string action, string type)
        {
            await using var scope = harness.Scope(reseller);
            scope.ServiceProvider.GetRequiredService<AuditTrail>().Record(action, type, Guid.NewGuid(), null, new { Name = who }, actorName: who);
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        }
        await RecordAsync(ses.Id, "Ana Lima", AuditActions.Customer.Created, AuditActions.Customer.Type);
        await RecordAsync(north.Id, "Nina North", AuditActions.Customer.Created, AuditActions.Customer.Type);
        clock.Advance(TimeSpan.FromHours(2));   // 1 December
        await RecordAsync(ses.Id, "Bo Owner", AuditActions.PriceBook.Created, AuditActions.PriceBook.Type);

        async Task<string[]> SearchAsync(string? who = null, string? what = null, DateOnly? from = null, DateOnly? to = null)
        {
            await using var scope = harness.Scope(ses.Id);
            var page = await scope.ServiceProvider.GetRequiredService<AuditTrail>().SearchAsync(who, what, from, to, new PageRequest());
            return [.. page.Items.Select(e => e.ActorName)];
        }

        Assert.Equal(["Bo Owner", "Ana Lima"], await SearchAsync());
        Assert.Equal(["Ana Lima"], await SearchAsync(who: "ANA"));
        Assert.Equal(["Bo Owner"], await SearchAsync(what: AuditActions.PriceBook.Type));
        Assert.Equal(["Bo Owner"], await SearchAsync(from: new DateOnly(2026, 12, 1)));
        Assert.Equal(["Ana Lima"], await SearchAsync(to: new DateOnly(2026, 11, 30)));
        Assert.Empty(await SearchAsync(who: "Nina"));
    }
}
