using IonPortal.Web.Tests;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IonPortal.Browser.Tests;

/// <summary>
/// The app on a real Kestrel port and the machine's Chromium driven by Playwright (no browser
/// download: Debian's /usr/bin/chromium, headless, with the flags a closed network needs).
/// </summary>
public sealed class BrowserFixture : PortalFactory
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    protected override void Start()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // localhost, not 127.0.0.1: browsers treat an IP host differently (cookies, WebAuthn).
        BaseUrl = new UriBuilder(address) { Host = "localhost" }.Uri.ToString().TrimEnd('/');
        // The provider sandbox answers on this port, known only now: typed clients read the
        // (singleton) options each time one is made, so they call it from here on.
        Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IonPortal.Core.PartnerCenter.PartnerCenterOptions>>().Value.BaseUrl = new Uri(address.TrimEnd('/') + "/sandbox/partner-center/");
        Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IonPortal.Core.Google.GoogleOptions>>().Value.BaseUrl = new Uri(address.TrimEnd('/') + "/sandbox/google/");
        Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IonPortal.Core.Solutions.AzureOptions>>().Value.BaseUrl = new Uri(address.TrimEnd('/') + "/sandbox/azure/");
        _playwright = Playwright.CreateAsync().GetAwaiter().GetResult();
        // As long as actions may take: on a two-core CI machine the test projects run side by side.
        Assertions.SetDefaultExpectTimeout(15_000);
        Browser = _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        }).GetAwaiter().GetResult();
    }

    /// <summary>A fresh browser profile (cookies, language) per test.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-US", int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// The console's sidebar. Its links also sit in the phone menu, earlier in the page and hidden
    /// on a desktop (until the stylesheet applies, a busy machine may even see both).
    /// </summary>
    public static ILocator ConsoleNav(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Console", Exact = true });

    /// <summary>Signs in on the sign-in page the browser is on (the console's or a storefront's).</summary>
    public static async Task SignInAsync(IPage page, string email, string password = IonPortal.Web.Demo.DemoData.Password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    /// <summary>Signs in to the console from its sign-in page and waits until the page runs in its circuit.</summary>
    public static async Task SignInToConsoleAsync(IPage page, string email, string password = IonPortal.Web.Demo.DemoData.Password)
    {
        await page.GotoAsync("/account/signin");
        await SignInAsync(page, email, password);
        if (Authenticator.DemoKeyFor(email) is { } key)
            await EnterCodeAsync(page, key);
        await InteractiveAsync(page);
    }

    /// <summary>Answers the second sign-in step with the code an authenticator app with this key shows now.</summary>
    public static async Task EnterCodeAsync(IPage page, string key)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor sign-in" })).ToBeVisibleAsync();
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(Authenticator.CodeFor(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
    }

    /// <summary>
    /// Waits until a console, admin or customer-portal page is live: prerendered HTML shows at once,
    /// its buttons and selects work once the circuit is connected (the layout then says so).
    /// </summary>
    public static Task InteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive=true]")).ToHaveCountAsync(1, new() { Timeout = 20_000 });

    /// <summary>Picks an option of a MudBlazor select: opens it, then clicks the option in its popover.</summary>
    public static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>A confirmation or message in a snackbar.</summary>
    public static Task ExpectNoticeAsync(IPage page, string text) =>
        Assertions.Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = text }).First).ToBeVisibleAsync();

    /// <summary>The message next to an input (MudBlazor's helper line under it).</summary>
    public static ILocator MessageFor(IPage page, string inputId) =>
        page.Locator($".mud-input-control:has(#{inputId}) .mud-input-helper-text").First;

    /// <summary>Checks the page with axe (WCAG 2.1 A and AA rules): no violation of any impact.</summary>
    public static async Task ExpectAccessibleAsync(IPage page, string name)
    {
        // Text that is fading in or out (a snackbar arriving or leaving) has a passing contrast once
        // it's there: let finite animations and transitions end first (spinners never do).
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)");
        var result = await Deque.AxeCore.Playwright.PageExtensions.RunAxe(page, new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var problems = result.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}").ToList();
        Assert.True(problems.Count == 0, $"{name}: " + string.Join("\n", problems));
    }

    /// <summary>Saves a full-page screenshot under TestResults/screenshots, for people to look at.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        // From the top: a full-page shot of a scrolled page would draw the fixed app bar mid-page.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// Storefront caches are evicted by a database notification a moment after a save, so a page
    /// opened right after may still be the cached one: reloads (up to 5 s) until it shows the change.
    /// </summary>
    public static async Task ReloadUntilAsync(IPage page, ILocator locator, string text)
    {
        for (var attempt = 0; attempt < 20 && (await locator.TextContentAsync())?.Trim() != text; attempt++)
        {
            await Task.Delay(250);
            await page.ReloadAsync();
        }
        await Assertions.Expect(locator).ToHaveTextAsync(text);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
            _playwright = null;
        }
        await base.DisposeAsync();
    }
}
