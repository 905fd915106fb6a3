using IonPortal.Core.Data;
using IonPortal.Core.Messaging;
using IonPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IonPortal.Core.Tests;

public class EmailDispatcherTests
{
    private sealed class RecordingTransport(Func<EmailMessage, bool>? fails = null) : IEmailTransport
    {
        public List<string> Delivered { get; } = [];

        public async Task SendAsync(EmailMessage message, CancellationToken ct)
        {
            await Task.Delay(5, ct); // long enough for a competing dispatcher to try the same rows
            if (fails?.Invoke(message) == true)
                throw new InvalidOperationException("mailbox unavailable");
            lock (Delivered) Delivered.Add(message.To);
        }
    }

    private static async Task<ServiceProvider> ServicesAsync(IEmailTransport transport)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection();
        services.AddPortalDomain(await TestDatabase.CreateMigratedAsync("dispatcher"));
        services.AddSingleton(transport);
        return services.BuildServiceProvider();
    }

    private static async Task QueueAsync(ServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
        for (var i = 0; i < count; i++)
            outbox.Queue(new OutgoingEmail($"person{i}@example.test", "Hello", "<p>Hi</p>", "Hi", null));
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
    }

    [Fact]
    public async Task Dispatchers_on_several_nodes_send_each_email_exactly_once()
    {
        var transport = new RecordingTransport();
        await using var services = await ServicesAsync(transport);
        await QueueAsync(services, 50);
        var nodes = Enumerable.Range(0, 3).Select(_ => new EmailDispatcher(services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, NullLogger<EmailDispatcher>.Instance)).ToList();

        // Each node keeps claiming batches until the outbox is empty, all at the same time.
        await Task.WhenAll(nodes.Select(node => Task.Run(async () => { while (await node.DispatchDueAsync(CancellationToken.None) > 0) { } })));

        Assert.Equal(50, transport.Delivered.Count);
        Assert.Equal(50, transport.Delivered.Distinct().Count());
        await using var scope = services.CreateAsyncScope();
        Assert.Equal(50, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<EmailMessage>().CountAsync(m => m.SentAt != null && m.Attempts == 1));
    }

    [Fact]
    public async Task A_failed_send_is_retried_later_not_at_once()
    {
        var transport = new RecordingTransport(fails: m => m.To == "person1@example.test");
        await using var services = await ServicesAsync(transport);
        await QueueAsync(services, 2);
        var dispatcher = new EmailDispatcher(services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, NullLogger<EmailDispatcher>.Instance);

        await dispatcher.DispatchDueAsync(CancellationToken.None);
        var claimedAgain = await dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(["person0@example.test"], transport.Delivered);
        Assert.Equal(0, claimedAgain);
        await using var scope = services.CreateAsyncScope();
        var failed = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<EmailMessage>().SingleAsync(m => m.To == "person1@example.test");
        Assert.Null(failed.SentAt);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal("mailbox unavailable", failed.LastError);
        Assert.True(failed.NextAttemptAt > DateTimeOffset.UtcNow.AddMinutes(1));
    }
}
