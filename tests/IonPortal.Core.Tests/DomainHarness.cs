using IonPortal.Core.Accounts;
using IonPortal.Core.Approvals;
using IonPortal.Core.Customers;
using IonPortal.Core.Data;
using IonPortal.Core.MicrosoftTenants;
using IonPortal.Core.PartnerCenter;
using IonPortal.Core.Resellers;
using IonPortal.Core.Tenancy;
using IonPortal.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace IonPortal.Core.Tests;

/// <summary>The domain services as the app wires them, over a fresh migrated database.</summary>
public sealed class DomainHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DomainHarness(ServiceProvider services, string connectionString) => (_services, ConnectionString) = (services, connectionString);

    public string ConnectionString { get; }

    /// <summary>The emails the domain asked to send, with their single-use tokens.</summary>
    public RecordingAccountMail Mail => _services.GetRequiredService<RecordingAccountMail>();

    /// <summary>The approval queue's emails.</summary>
    public RecordingApprovalMail ApprovalMail => _services.GetRequiredService<RecordingApprovalMail>();

    /// <summary>The emails between resellers and the platform.</summary>
    public RecordingPlatformMail PlatformMail => _services.GetRequiredService<RecordingPlatformMail>();

    /// <summary>The services over a fresh database; with a clock (a FakeTimeProvider), the domain's time is the test's.</summary>
    public static async Task<DomainHarness> CreateAsync(string purpose, TimeProvider? clock = null)
    {
        var connectionString = await TestDatabase.CreateMigratedAsync(purpose);
        var services = new ServiceCollection();
        if (clock is not null)
            services.AddSingleton(clock);
        services.AddLogging();
        services.AddDataProtection();
        services.AddPortalDomain(connectionString);
        services.AddSingleton<RecordingAccountMail>();
        services.AddScoped<IAccountMail>(sp => sp.GetRequiredService<RecordingAccountMail>());
        services.AddSingleton<RecordingApprovalMail>();
        services.AddScoped<IApprovalMail>(sp => sp.GetRequiredService<RecordingApprovalMail>());
        services.AddSingleton<RecordingPlatformMail>();
        services.AddScoped<IPlatformMail>(sp => sp.GetRequiredService<RecordingPlatformMail>());
        services.AddSingleton<RecordingMicrosoftMail>();
        services.AddScoped<IMicrosoftMail>(sp => sp.GetRequiredService<RecordingMicrosoftMail>());
        // Domain tests never reach Partner Center (the web tests use the provider sandbox): a closed port says so loudly.
        services.Configure<PartnerCenterOptions>(o => (o.BaseUrl, o.MaxRetries, o.TotalTimeout) = (new Uri("http://127.0.0.1:9/"), 1, TimeSpan.FromSeconds(2)));
        services.AddPartnerCenterClient();
        return new DomainHarness(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }), connectionString);
    }

    /// <summary>A unit of work for a reseller (when given), as a signed-in person (when given) or else as the platform itself.</summary>
    public AsyncServiceScope Scope(Guid? resellerId = null, PortalUser? actor = null) =>
        Scope(resellerId, actor is null ? Actor.System("test") : Actor.Person(actor.Id, actor.Email!, actor.Role));

    public AsyncServiceScope Scope(Guid? resellerId, Actor actor)
    {
        var scope = _services.CreateAsyncScope();
        new WorkContext(actor, resellerId, "test").Enter(scope.ServiceProvider);
        return scope;
    }

    public async Task<Reseller> AddResellerAsync(string nickname)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var reseller = new Reseller { Id = Guid.CreateVersion7(), Nickname = nickname, DisplayName = nickname.ToUpperInvariant(), CreatedAt = DateTimeOffset.UtcNow };
        db.Add(reseller);
        await db.SaveChangesAsync();
        return reseller;
    }

    public async Task<Customer> AddCustomerAsync(Guid resellerId, string name)
    {
        await using var scope = Scope(resellerId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var customer = new Customer { Id = Guid.CreateVersion7(), ResellerId = resellerId, CompanyName = name, CreatedAt = DateTimeOffset.UtcNow };
        db.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    /// <summary>A user with a password (active) or without one (invited).</summary>
    public async Task<PortalUser> AddUserAsync(PortalUser user, string? password = "correct-horse-battery")
    {
        await using var scope = Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user;
    }

    public Task<PortalUser> AddStaffAsync(Guid resellerId, string role, string email, string? password = "correct-horse-battery") =>
        AddUserAsync(PortalUser.Staff(resellerId, role, email, "", DateTimeOffset.UtcNow), password);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}

public sealed class RecordingPlatformMail : IPlatformMail
{
    public List<(string Kind, string To)> Sent { get; } = [];

    private Task Add(string kind, IEnumerable<string> to)
    {
        lock (Sent) Sent.AddRange(to.Select(t => (kind, t)));
        return Task.CompletedTask;
    }

    public Task QueueProgramRequestedAsync(IonPortal.Core.VendorPrograms.ProgramEnrollment enrollment, Reseller reseller, IReadOnlyList<PortalUser> operators, CancellationToken ct) =>
        Add("program-requested", operators.Select(o => o.Email!));

    public Task QueueProgramDecidedAsync(IonPortal.Core.VendorPrograms.ProgramEnrollment enrollment, Reseller reseller, IReadOnlyList<PortalUser> admins, CancellationToken ct) =>
        Add($"program-{enrollment.Status.ToString().ToLowerInvariant()}", admins.Select(a => a.Email!));

    public Task QueueApplicationReceivedAsync(ResellerApplication application, IReadOnlyList<PortalUser> operators, CancellationToken ct) =>
        Add("application-received", [application.ContactEmail, .. operators.Select(o => o.Email!)]);

    public Task QueueApplicationDeclinedAsync(ResellerApplication application, CancellationToken ct) => Add("application-declined", [application.ContactEmail]);
}

public sealed class RecordingMicrosoftMail : IMicrosoftMail
{
    public List<(string Kind, Guid CustomerId, string To)> Sent { get; } = [];

    public Task QueueRelationshipInvitationAsync(Customer customer, string to, PartnerRegion region, string url, CancellationToken ct)
    {
        lock (Sent) Sent.Add(("invitation", customer.Id, to));
        return Task.CompletedTask;
    }

    public Task QueueAgreementRequestAsync(Customer customer, PortalUser admin, CancellationToken ct)
    {
        lock (Sent) Sent.Add(("agreement", customer.Id, admin.Email!));
        return Task.CompletedTask;
    }
}

public sealed class RecordingAccountMail : IAccountMail
{
    public List<(string Kind, PortalUser User, string Token)> Sent { get; } = [];

    public Task QueueInvitationAsync(PortalUser user, string invitationToken, CancellationToken ct)
    {
        lock (Sent) Sent.Add(("invitation", user, invitationToken));
        return Task.CompletedTask;
    }

    public Task QueueWelcomeAsync(PortalUser user, CancellationToken ct)
    {
        lock (Sent) Sent.Add(("welcome", user, ""));
        return Task.CompletedTask;
    }

    public Task QueuePasswordResetAsync(PortalUser user, string resetToken, CancellationToken ct)
    {
        lock (Sent) Sent.Add(("reset", user, resetToken));
        return Task.CompletedTask;
    }

    public string LastTokenFor(string kind, string email) =>
        Sent.Last(s => s.Kind == kind && s.User.Email == email).Token;
}

/// <summary>A small catalog for domain tests: two vendors, three products, their plans in USD (and CAD for one).</summary>
public sealed class TestCatalog
{
    public Guid Microsoft { get; } = Guid.NewGuid();
    public Guid Adobe { get; } = Guid.NewGuid();
    public Guid Office { get; } = Guid.NewGuid();
    public Guid Defender { get; } = Guid.NewGuid();
    public Guid Acrobat { get; } = Guid.NewGuid();
    public Guid OfficeMonthly { get; } = Guid.NewGuid();
    public Guid OfficeAnnual { get; } = Guid.NewGuid();
    public Guid DefenderAnnual { get; } = Guid.NewGuid();
    public Guid AcrobatAnnual { get; } = Guid.NewGuid();

    public async Task AddToAsync(DomainHarness harness)
    {
        await using var scope = harness.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = DateTimeOffset.UtcNow;
        db.AddRange(
            new IonPortal.Core.Catalog.Vendor { Id = Microsoft, Name = "Microsoft", CreatedAt = now },
            new IonPortal.Core.Catalog.Vendor { Id = Adobe, Name = "Adobe", CreatedAt = now });
        db.AddRange(
            Product(Office, Microsoft, "Microsoft 365 Business Standard", "Productivity", now),
            Product(Defender, Microsoft, "Defender for Endpoint P1", "Security", now),
            Product(Acrobat, Adobe, "Acrobat Pro", "Documents", now, "adobe"));
        db.AddRange(
            Plan(OfficeMonthly, Office, "CFQ7-OFF-M", IonPortal.Core.Catalog.Term.P1M, 12.50m, 15.00m, now, ("CAD", 17.00m, 20.40m)),
            Plan(OfficeAnnual, Office, "CFQ7-OFF-A", IonPortal.Core.Catalog.Term.P1Y, 10.00m, 12.50m, now),
            Plan(DefenderAnnual, Defender, "CFQ7-DEF-A", IonPortal.Core.Catalog.Term.P1Y, 2.40m, 3.00m, now),
            Plan(AcrobatAnnual, Acrobat, "ADB-ACR-A", IonPortal.Core.Catalog.Term.P1Y, 200.00m, 239.88m, now));
        await db.SaveChangesAsync();
    }

    private static IonPortal.Core.Catalog.Product Product(Guid id, Guid vendor, string name, string category, DateTimeOffset now, string provider = "microsoft") =>
        new() { Id = id, VendorId = vendor, Name = name, Category = category, ShortDescription = name + ".", Kind = IonPortal.Core.Catalog.ProductKind.SeatLicence, Provider = provider, CreatedAt = now };

    private static IonPortal.Core.Catalog.Plan Plan(Guid id, Guid product, string sku, IonPortal.Core.Catalog.Term term, decimal cost, decimal list, DateTimeOffset now, params (string Currency, decimal Cost, decimal List)[] more) =>
        new()
        {
            Id = id, ProductId = product, Sku = sku, Name = sku, Term = term, Billing = IonPortal.Core.Catalog.BillingFrequency.Monthly, Unit = "user", CreatedAt = now,
            Prices = [new() { PlanId = id, Currency = "USD", Cost = cost, ListPrice = list }, .. more.Select(m => new IonPortal.Core.Catalog.PlanPrice { PlanId = id, Currency = m.Currency, Cost = m.Cost, ListPrice = m.List })],
        };
}

public sealed class RecordingApprovalMail : IApprovalMail
{
    public List<(string Kind, ApprovalRequest Request, string Detail)> Sent { get; } = [];

    public Task QueueConfirmationAsync(ApprovalRequest request, string token, CancellationToken ct) => Add("confirm", request, token);

    public Task QueueNewRequestAsync(ApprovalRequest request, IReadOnlyList<PortalUser> admins, CancellationToken ct) =>
        Add("new-request", request, string.Join(",", admins.Select(a => a.Email)));

    public Task QueueApprovedAsync(ApprovalRequest request, CancellationToken ct) => Add("approved", request, "");

    public Task QueueDeclinedAsync(ApprovalRequest request, CancellationToken ct) => Add("declined", request, request.DeclineReason ?? "");

    private Task Add(string kind, ApprovalRequest request, string detail)
    {
        lock (Sent) Sent.Add((kind, request, detail));
        return Task.CompletedTask;
    }
}
