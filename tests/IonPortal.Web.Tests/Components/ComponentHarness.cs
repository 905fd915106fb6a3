using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using IonPortal.Core;
using IonPortal.Core.Accounts;
using IonPortal.Core.Resellers;
using IonPortal.Web.Account;
using IonPortal.Web.Tenancy;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace IonPortal.Web.Tests.Components;

/// <summary>
/// An interactive page rendered by bUnit as a circuit renders it: over the real app's services
/// and database, its operations run through a <see cref="PortalSession"/> for one signed-in
/// person, with MudBlazor's popover, snackbar and dialog hosts beside it as the layout has them.
/// </summary>
public sealed class ComponentHarness : IAsyncDisposable
{
    private IRenderedComponent<MudSnackbarProvider>? _snackbars;
    private IRenderedComponent<MudDialogProvider>? _dialogs;
    private AsyncServiceScope _appScope;
    private CultureInfo _culture = CultureInfo.InvariantCulture;

    private ComponentHarness(BunitContext context, PortalSession session) => (Context, Session) = (context, session);

    public BunitContext Context { get; }

    public PortalSession Session { get; }

    public NavigationManager Navigation => Context.Services.GetRequiredService<NavigationManager>();

    /// <summary>Set when a page answered "not found" (a foreign or unknown id).</summary>
    public bool NotFound { get; private set; }

    /// <summary>A page as the person with this email sees it: staff in the console, operators in the admin, customers on their storefront.</summary>
    public static async Task<ComponentHarness> AsAsync(PortalFactory app, string email, string culture = "en-US")
    {
        var user = await app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        var reseller = user.ResellerId is { } id ? await app.QueryAsync(db => db.Set<Reseller>().AsNoTracking().SingleAsync(r => r.Id == id)) : null;
        var sessionUser = new SessionUser(user.Id, string.IsNullOrEmpty(user.DisplayName) ? user.Email! : user.DisplayName, user.Email!, user.Kind, user.Role,
            user.ResellerId, reseller?.Nickname, user.CustomerId);
        var session = new PortalSession(app.Services.GetRequiredService<WorkScopes>());
        session.Begin(reseller, sessionUser, user.Kind == UserKind.Customer ? true : null, sessionUser.Actor, "http://localhost");

        // The app's own services, as a request scope sees them (the page's operations still get their own scopes).
        var appScope = app.Services.CreateAsyncScope();
        // Waits are for the database, which a busy two-core CI machine shares with every other test.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices(options => options.SnackbarConfiguration.ShowTransitionDuration = options.SnackbarConfiguration.HideTransitionDuration = 0);
        context.Services.AddTransient(_ => appScope.ServiceProvider.GetRequiredService<MudLocalizer>());   // the app's: MudBlazor's words in Spanish too
        context.Services.AddSingleton(session);
        context.Services.AddScoped<Storefront>();
        context.Services.AddScoped<PortalLinks>();
        context.Services.AddFallbackServiceProvider(appScope.ServiceProvider);
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var harness = new ComponentHarness(context, session) { _appScope = appScope, _culture = new CultureInfo(culture) };
        harness.Navigation.OnNotFound += (_, _) => harness.NotFound = true;
        return harness;
    }

    /// <summary>
    /// Renders a page in place of the one before (as the router does: the old page is disposed),
    /// beside MudBlazor's hosts (a snackbar shown before a navigation is still there after).
    /// </summary>
    public IRenderedComponent<TPage> Render<TPage>(Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null) where TPage : IComponent
    {
        // The reader's language, as the circuit takes it from the request (set here: a synchronous call keeps it for the test).
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = _culture;
        Context.Renderer.DisposeComponents();
        Context.Render<MudPopoverProvider>();
        _snackbars = Context.Render<MudSnackbarProvider>();
        _dialogs = Context.Render<MudDialogProvider>();
        NotFound = false;
        return Context.Render(parameters ?? (_ => { }));
    }

    /// <summary>Opens a page at an address (its query string feeds [SupplyParameterFromQuery]).</summary>
    public IRenderedComponent<TPage> RenderAt<TPage>(string url, Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null) where TPage : IComponent
    {
        Navigation.NavigateTo(url);
        return Render(parameters);
    }

    /// <summary>The confirmations and messages shown in snackbars so far.</summary>
    public string Notices => _snackbars is null ? "" : string.Join("\n", _snackbars.FindAll(".mud-snackbar-content-message").Select(m => m.TextContent.Trim()));

    /// <summary>Answers the open confirmation dialog with its button of this text.</summary>
    public async Task AnswerAsync(string button)
    {
        var dialogs = _dialogs!;
        dialogs.WaitForElement(".mud-dialog");
        try
        {
            // Found and clicked on the renderer's thread, so no re-render comes in between.
            await dialogs.InvokeAsync(() => dialogs.Find(".mud-dialog").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == button).ClickAsync(new()));
        }
        catch (UnknownEventHandlerIdException) when (dialogs.FindAll(".mud-dialog").Count == 0)
        {
            // The answer closed the dialog, and bUnit then bubbled the click up to the dialog's
            // container, whose handler the close had just removed. The answer itself went through.
        }
    }

    /// <summary>Presses a button that asks first, and answers the question with <paramref name="answer"/>.</summary>
    public async Task PressAndAnswerAsync<TPage>(IRenderedComponent<TPage> page, string button, string answer) where TPage : class, IComponent
    {
        var pressing = page.PressAsync(button);   // waits for the answer
        await AnswerAsync(answer);
        await pressing;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _appScope.DisposeAsync();
    }
}
