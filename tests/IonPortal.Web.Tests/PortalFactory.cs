using System.Collections.Concurrent;
using IonPortal.Core.Data;
using IonPortal.Core.Messaging;
using IonPortal.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IonPortal.Web.Tests;

/// <summary>
/// The real app (Development, demo data) over its own fresh database on the test run's cluster.
/// One per test class, so classes never see each other's changes.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    /// <summary>Everything the app logged, for tests about logging.</summary>
    public ConcurrentQueue<CapturedLog> Logs { get; } = new();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateEmptyAsync(GetType().Name);
        Start();
    }

    /// <summary>Starts the host now, so migrations and demo data run once, before the first test.</summary>
    protected virtual void Start() => _ = Services;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:IonPortal", ConnectionString);
        // Partner Center is the app's own sandbox, reached in memory, with patience sized for tests.
        builder.UseSetting("PartnerCenter:BaseUrl", "http://localhost/sandbox/partner-center/");
        builder.UseSetting("Google:BaseUrl", "http://localhost/sandbox/google/");
        builder.UseSetting("Azure:BaseUrl", "http://localhost/sandbox/azure/");
        builder.UseSetting("PartnerCenter:AttemptTimeout", "00:00:01");
        builder.UseSetting("PartnerCenter:TotalTimeout", "00:00:06");
        builder.UseSetting("PartnerCenter:RetryDelay", "00:00:00.050");
        // A provisioning attempt that timed out on a busy test machine is tried again within a second, not fifteen.
        builder.UseSetting("Provisioning:RetryDelay", "00:00:00.500");
        // Tests run billing's scheduled round themselves, when they mean to.
        builder.UseSetting("Billing:FirstRunDelay", "1.00:00:00");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Logs));
            foreach (var client in new[] { services.AddHttpClient<IonPortal.Core.PartnerCenter.PartnerCenterClient>(), services.AddHttpClient<IonPortal.Core.Google.GoogleResellerClient>(),
                services.AddHttpClient<IonPortal.Core.Solutions.AzureDeploymentsClient>() })
                client.ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>() is Microsoft.AspNetCore.TestHost.TestServer server
                    ? new LikeASocket(server.CreateHandler())
                    : new SocketsHttpHandler());   // on a real port (the browser tests), over the network like in Development
        });
    }

    public PortalClient CreatePortalClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Runs a query against the app's database, across every tenant.</summary>
    public async Task<T> QueryAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    /// <summary>The newest email to an address, as the outbox holds it.</summary>
    public Task<EmailMessage?> LastEmailToAsync(string to) =>
        QueryAsync(db => db.Set<EmailMessage>().Where(m => m.To == to).OrderByDescending(m => m.CreatedAt).FirstOrDefaultAsync());

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}

public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Properties);

internal sealed class CapturingLoggerProvider(ConcurrentQueue<CapturedLog> logs) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, logs);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var properties = (state as IEnumerable<KeyValuePair<string, object?>>)?.ToDictionary(p => p.Key, p => p.Value) ?? [];
            logs.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), properties));
        }
    }
}

/// <summary>
/// The in-memory server answers a request its caller gave up on with a 499; a real socket throws,
/// and that is what the client's timeouts are written for.
/// </summary>
internal sealed class LikeASocket(HttpMessageHandler server) : DelegatingHandler(server)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return response;
    }
}
