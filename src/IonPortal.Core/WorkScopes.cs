using IonPortal.Core.Accounts;
using IonPortal.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace IonPortal.Core;

/// <summary>Who a unit of work acts as, and for which reseller (none for platform work).</summary>
public sealed record WorkContext(Actor Actor, Guid? ResellerId = null, string? Nickname = null)
{
    /// <summary>Binds a fresh scope's tenant and actor.</summary>
    public void Enter(IServiceProvider services)
    {
        if (ResellerId is { } id)
            services.GetRequiredService<TenantContext>().Enter(id, Nickname ?? "");
        services.GetRequiredService<CurrentActor>().ActAs(Actor);
    }
}

/// <summary>
/// Runs one unit of work in its own DI scope, so its own DbContext, bound to one reseller and one
/// actor. A circuit's events use it (a circuit lives for hours; two events must never share a
/// DbContext) and so does background work, which runs inside one reseller's scope at a time.
/// </summary>
public sealed class WorkScopes(IServiceScopeFactory scopes)
{
    public async Task<T> RunAsync<T>(WorkContext context, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        context.Enter(scope.ServiceProvider);
        return await work(scope.ServiceProvider);
    }

    public Task RunAsync(WorkContext context, Func<IServiceProvider, Task> work) =>
        RunAsync<bool>(context, async services =>
        {
            await work(services);
            return true;
        });
}
