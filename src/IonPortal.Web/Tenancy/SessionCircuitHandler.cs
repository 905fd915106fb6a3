using System.Security.Claims;
using IonPortal.Core.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.WebUtilities;

namespace IonPortal.Web.Tenancy;

/// <summary>
/// Opens a circuit's <see cref="PortalSession"/> from the signed-in user before its first render,
/// and keeps it current: when the revalidating authentication state ends the session (access
/// removed, role changed), the circuit stops acting for that person at once.
/// </summary>
internal sealed class SessionCircuitHandler(PortalSession session, AuthenticationStateProvider authentication, NavigationManager navigation,
    ResellerLookup resellers, ILogger<SessionCircuitHandler> logger) : CircuitHandler, IDisposable
{
    private static int _open;
    private string _circuitId = "";

    /// <summary>Circuits open on this node right now (the circuits benchmark reads it).</summary>
    public static int Open => Volatile.Read(ref _open);

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _circuitId = circuit.Id;
        await BeginAsync((await authentication.GetAuthenticationStateAsync()).User, cancellationToken);
        authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
        Interlocked.Increment(ref _open);
        logger.LogInformation("Circuit {CircuitId} opened for {UserId} at {Reseller}", _circuitId, session.User?.Id.ToString() ?? "-", session.Reseller?.Nickname ?? "-");
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        logger.LogInformation("Circuit {CircuitId} closed for {UserId} at {Reseller}", _circuitId, session.User?.Id.ToString() ?? "-", session.Reseller?.Nickname ?? "-");
        return Task.CompletedTask;
    }

    private async void OnAuthenticationStateChanged(Task<AuthenticationState> state)
    {
        try
        {
            await BeginAsync((await state).User, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Circuit {CircuitId} could not follow a change of sign-in; it acts for nobody now", _circuitId);
            session.Begin(null, null, null, null, null);
        }
    }

    private async Task BeginAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        var user = SessionUser.From(principal);
        var uri = new Uri(navigation.Uri);
        var baseUrl = navigation.BaseUri.TrimEnd('/');
        if (Storefront.IsStorefrontPath(uri.AbsolutePath, out var whiteLabel))
        {
            // The nickname only picks the branding; a signed-in customer keeps acting only on their own reseller's storefront.
            var accountName = QueryHelpers.ParseQuery(uri.Query).GetValueOrDefault(Storefront.AccountNameParameter).ToString();
            session.BeginStorefront(await resellers.ByNicknameAsync(accountName, ct), accountName, whiteLabel, user, null, baseUrl);
        }
        else if (user is { Kind: UserKind.Staff, ResellerId: { } resellerId })
        {
            session.Begin(await resellers.ByIdAsync(resellerId, ct), user, null, user.Actor, baseUrl);
        }
        else
        {
            session.Begin(null, user, null, user?.Actor, baseUrl);
        }
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;
}
