using System.Diagnostics;
using Microsoft.Playwright;

/// <summary>One staff session on the console's customers page in a headless Chromium page of its own browser context.</summary>
sealed class BrowserSession(IBrowserContext context, IPage page) : ISession
{
    public static async Task<(ISession Session, double Ms)> OpenAsync(IBrowser browser, string baseUrl, IEnumerable<Cookie> cookies, string path)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await context.AddCookiesAsync(cookies);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(baseUrl + path);
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var ms = clock.Elapsed.TotalMilliseconds;
        await page.Locator(".portal-grid tbody tr a").First.WaitForAsync();   // its first page of customers is in
        return (new BrowserSession(context, page), ms);
    }

    public Task<double> SearchAsync(string term) => page.EvaluateAsync<double>("""
        term => new Promise(resolve => {
            const grid = document.querySelector('.portal-grid');
            const rows = () => [...grid.querySelectorAll('tbody tr a')].map(a => a.textContent.trim()).join('|');
            const before = rows();
            const input = document.querySelector('#customer-search');
            const started = performance.now();
            const observer = new MutationObserver(() => {
                const now = rows();
                if (now !== before && now.toLowerCase().includes(term.split(' ')[0]) && !grid.querySelector('.mud-table-loading-progress')) {
                    observer.disconnect();
                    resolve(performance.now() - started);
                }
            });
            observer.observe(grid, { subtree: true, childList: true, characterData: true });
            input.value = term;
            input.dispatchEvent(new Event('input', { bubbles: true }));
        })
        """, term);

    public ValueTask DisposeAsync() => new(context.CloseAsync());
}

/// <summary>A console page held open with its circuit, whichever client holds it.</summary>
interface ISession : IAsyncDisposable
{
    /// <summary>Types the term in the search box; answers the time until the new rows are in.</summary>
    Task<double> SearchAsync(string term);
}
