// Holds N staff sessions open on the console's customers page, each with its own Blazor Server
// circuit, then runs a grid search in each. CLIENT=protocol (the default) speaks the Blazor protocol
// itself, as blazor.web.js does, so hundreds of sessions fit on one machine; CLIENT=browser opens
// each in a headless Chromium page (~100 MB each, so about a hundred at most here).
// Prints: nav-to-interactive and search round-trip percentiles, and the web process's memory per
// open circuit (from /bench/memory: managed heap after a full GC, and working set).
//
//   dotnet run -c Release -- BASE_URL "COOKIE HEADER" 100,300
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

var baseUrl = args[0].TrimEnd('/');
var cookieHeader = args[1];
var cookies = cookieHeader.Split("; ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Split('=', 2))
    .Select(c => new Cookie { Name = c[0], Value = c[1], Url = baseUrl }).ToList();
var targets = args[2].Split(',').Select(int.Parse).ToArray();
var inBrowser = Environment.GetEnvironmentVariable("CLIENT") == "browser";
// Pages opening (and searching) at once, PARALLEL (default 6): in a browser, it shares the machine's two cores with the server.
var parallel = int.TryParse(Environment.GetEnvironmentVariable("PARALLEL"), out var p) && p > 0 ? p : 6;
const int DebounceMs = 300;        // the search box waits for a pause in typing before it searches
const string Page = "/console/customers";
string[] searches = ["fabrikam health", "contoso labs", "northwind bank", "tailspin foods", "adatum systems", "wingtip studios"];

using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
using var playwright = inBrowser ? await Playwright.CreateAsync() : null;
await using var browser = playwright is null ? null : await playwright.Chromium.LaunchAsync(new()
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

Task<(ISession Session, double Ms)> OpenAsync() => browser is not null
    ? BrowserSession.OpenAsync(browser, baseUrl, cookies, Page)
    : ProtocolSession.OpenAsync(http, baseUrl, cookieHeader, Page);

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
    var (session, _) = await OpenAsync();
    await session.SearchAsync(searches[i]);
    await session.DisposeAsync();
}
await Task.Delay(5000);
var baseline = await MemoryAsync();
Console.WriteLine($"baseline: {baseline.GetProperty("openCircuits").GetInt32()} circuits, managed {baseline.GetProperty("managedBytes").GetInt64() / 1048576.0:0.0} MB, working set {baseline.GetProperty("workingSetBytes").GetInt64() / 1048576.0:0.0} MB");

var open = new List<ISession>();
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
            var (session, ms) = await OpenAsync();
            lock (open)
            {
                open.Add(session);
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
    await Task.WhenAll(open.Select(async session =>
    {
        var term = searches[Interlocked.Increment(ref index) % searches.Length];
        await gate.WaitAsync();
        try
        {
            var ms = await session.SearchAsync(term);
            lock (searchTimes)
                searchTimes.Add(ms - DebounceMs);
            await session.SearchAsync("");   // back to the full list for the next round
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
foreach (var session in open)
    await session.DisposeAsync();
