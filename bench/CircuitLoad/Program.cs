// Holds N staff sessions open on the console's customers page in headless Chromium (each page its
// own browser context, hence its own Blazor Server circuit), then runs a grid search in each.
// Prints: nav-to-interactive and search round-trip percentiles, and the web process's memory per
// open circuit (from /bench/memory: managed heap after a full GC, and working set).
//
//   dotnet run -c Release -- BASE_URL "COOKIE HEADER" 100,300
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

var baseUrl = args[0].TrimEnd('/');
var cookies = args[1].Split("; ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Split('=', 2))
    .Select(c => new Cookie { Name = c[0], Value = c[1], Url = baseUrl }).ToList();
var targets = args[2].Split(',').Select(int.Parse).ToArray();
// Pages opening (and searching) at once, PARALLEL (default 6): the browser shares the machine's two cores with the server.
var parallel = int.TryParse(Environment.GetEnvironmentVariable("PARALLEL"), out var p) && p > 0 ? p : 6;
const int DebounceMs = 300;        // the search box waits for a pause in typing before it searches
string[] searches = ["fabrikam health", "contoso labs", "northwind bank", "tailspin foods", "adatum systems", "wingtip studios"];

using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-dev-shm-usage", "--renderer-process-limit=6", "--disable-renderer-backgrounding", "--disable-background-timer-throttling"],
});

// Each Chromium page costs the machine ~100 MB; stop opening more before the machine runs out.
static long AvailableMb() =>
    File.ReadLines("/proc/meminfo").Where(l => l.StartsWith("MemAvailable:")).Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).First();
const long KeepFreeMb = 3000;

async Task<(IBrowserContext Context, IPage Page, double Ms)> OpenAsync()
{
    var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
    await context.AddCookiesAsync(cookies);
    var page = await context.NewPageAsync();
    page.SetDefaultTimeout(60_000);
    var clock = Stopwatch.StartNew();
    await page.GotoAsync(baseUrl + "/console/customers");
    await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    var ms = clock.Elapsed.TotalMilliseconds;
    await page.Locator(".portal-grid tbody tr a").First.WaitForAsync();   // its first page of customers is in
    return (context, page, ms);
}

async Task<JsonElement> MemoryAsync()
{
    await Task.Delay(3000);   // let the last renders and pending JS calls settle
    return await http.GetFromJsonAsync<JsonElement>("/bench/memory");
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

// Warm-up: a few circuits opened and closed, so JIT and pools don't count as per-circuit memory.
for (var i = 0; i < 6; i++)
{
    var (context, _, _) = await OpenAsync();
    await context.CloseAsync();
}
await Task.Delay(5000);
var baseline = await MemoryAsync();
Console.WriteLine($"baseline: {baseline.GetProperty("openCircuits").GetInt32()} circuits, managed {baseline.GetProperty("managedBytes").GetInt64() / 1048576.0:0.0} MB, working set {baseline.GetProperty("workingSetBytes").GetInt64() / 1048576.0:0.0} MB");

var open = new List<IPage>();
var navigation = new List<double>();
Console.WriteLine();
Console.WriteLine($"{"open circuits",14} {"nav→interactive p50",20} {"p95",8} {"search p50",11} {"p95",8} {"managed/circuit",16} {"working set/circuit",20}");
foreach (var target in targets)
{
    var opening = new List<double>();
    using var gate = new SemaphoreSlim(parallel);
    var tasks = Enumerable.Range(open.Count, target - open.Count).Select(async _ =>
    {
        await gate.WaitAsync();
        try
        {
            if (AvailableMb() < KeepFreeMb)
                return;   // the browser has taken the machine's memory: measure what is open
            var (_, page, ms) = await OpenAsync();
            lock (open)
            {
                open.Add(page);
                opening.Add(ms);
            }
        }
        finally
        {
            gate.Release();
        }
    });
    await Task.WhenAll(tasks);
    navigation.AddRange(opening);

    var memory = await MemoryAsync();
    var circuits = memory.GetProperty("openCircuits").GetInt32();
    if (open.Count < target)
        Console.WriteLine($"(stopped at {open.Count} sessions: the browser's pages left under {KeepFreeMb} MB of the machine's memory)");
    var managed = (memory.GetProperty("managedBytes").GetInt64() - baseline.GetProperty("managedBytes").GetInt64()) / (double)open.Count / 1024;
    var workingSet = (memory.GetProperty("workingSetBytes").GetInt64() - baseline.GetProperty("workingSetBytes").GetInt64()) / (double)open.Count / 1024;

    // Every open page searches once (a few at a time): the time from typing to the new rows, less the typing pause.
    var searchTimes = new List<double>();
    var index = 0;
    await Task.WhenAll(open.Select(async page =>
    {
        var term = searches[Interlocked.Increment(ref index) % searches.Length];
        await gate.WaitAsync();
        try
        {
            var ms = await page.EvaluateAsync<double>("""
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
            lock (searchTimes)
                searchTimes.Add(ms - DebounceMs);
            // Back to the full list for the next round.
            await page.EvaluateAsync("() => { const i = document.querySelector('#customer-search'); i.value = ''; i.dispatchEvent(new Event('input', { bubbles: true })); }");
        }
        finally
        {
            gate.Release();
        }
    }));

    if (opening.Count == 0)
        break;
    Console.WriteLine($"{circuits,14} {Percentile(opening, 50),17:0} ms {Percentile(opening, 95),5:0} ms {Percentile(searchTimes, 50),8:0} ms {Percentile(searchTimes, 95),5:0} ms {managed,13:0} KB {workingSet,17:0} KB");
}
