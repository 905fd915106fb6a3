using System.Diagnostics;
using IonPortal.Core;
using IonPortal.Core.Accounts;
using IonPortal.Core.Billing;
using IonPortal.Core.Resellers;
using IonPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace IonPortal.Web.Hosting;

/// <summary>
/// Billing from a shell, for files too big to upload and for benchmarks:
/// <c>import-usage &lt;nickname&gt; &lt;file&gt;</c> imports a daily rated usage reconciliation file for a
/// reseller; <c>run-statements &lt;nickname&gt; &lt;yyyy-MM&gt;</c> makes a month's statements. Both print how long they took.
/// </summary>
public static class BillingCommands
{
    public static async Task<int> ImportUsageAsync(IServiceProvider root, string nickname, string path, TextWriter output)
    {
        if (!File.Exists(path))
        {
            await output.WriteLineAsync($"No file at {path}.");
            return 1;
        }
        await using var scope = await ScopeAsync(root, nickname, "import-usage");
        if (scope is null)
        {
            await output.WriteLineAsync($"No reseller '{nickname}'.");
            return 1;
        }
        var clock = Stopwatch.StartNew();
        await using var file = File.OpenRead(path);
        var outcome = await scope.Value.ServiceProvider.GetRequiredService<UsageImporter>().ImportAsync(UsageBatch.FromFile(Path.GetFileName(path), file));
        clock.Stop();
        if (!outcome.IsDone)
        {
            await output.WriteLineAsync(outcome.ToString());
            return 1;
        }
        var result = outcome.Value;
        if (result.AlreadyImported)
        {
            await output.WriteLineAsync("This file was imported before: nothing was added.");
            return 0;
        }
        if (result.Import is not { } import)
        {
            foreach (var error in result.Errors.Take(50))
                await output.WriteLineAsync($"line {error.Line}, {error.Column}: {error.Problem.Text}");
            await output.WriteLineAsync($"{result.ErrorCount} problems; nothing was imported.");
            return 1;
        }
        await output.WriteLineAsync($"imported {import.RowCount} rows ({import.UnmatchedRowCount} unmatched, {import.LateRowCount} late) in {clock.Elapsed.TotalMilliseconds:0} ms: {import.RowCount / clock.Elapsed.TotalSeconds:0} rows/s");
        return 0;
    }

    public static async Task<int> RunStatementsAsync(IServiceProvider root, string nickname, string month, TextWriter output)
    {
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", out var first))
        {
            await output.WriteLineAsync($"'{month}' isn't a month (yyyy-MM).");
            return 1;
        }
        await using var scope = await ScopeAsync(root, nickname, "run-statements");
        if (scope is null)
        {
            await output.WriteLineAsync($"No reseller '{nickname}'.");
            return 1;
        }
        var clock = Stopwatch.StartNew();
        var outcome = await scope.Value.ServiceProvider.GetRequiredService<StatementRun>().RunAsync(first);
        clock.Stop();
        await output.WriteLineAsync(outcome.IsDone
            ? $"{outcome.Value.Statements} statements, {outcome.Value.Lines} lines in {clock.Elapsed.TotalMilliseconds:0} ms"
            : outcome.ToString());
        return outcome.IsDone ? 0 : 1;
    }

    /// <summary>
    /// <c>time-billing-queries &lt;nickname&gt; &lt;runs&gt;</c>: the reseller dashboard's and a billing
    /// report's database work (last 3 months grouped by product), each in a fresh unit of work as a
    /// page's operation runs, timed; prints their p50 and p95 in ms.
    /// </summary>
    public static async Task<int> TimeQueriesAsync(IServiceProvider root, string nickname, int runs, TextWriter output)
    {
        var report = new ReportSettings(ReportPeriod.Last3Months, GroupBy: ReportGrouping.Product);
        var timings = new Dictionary<string, List<double>> { ["dashboard"] = [], ["report"] = [] };
        for (var i = 0; i < runs + 5; i++)
        {
            foreach (var (name, list) in timings)
            {
                await using var scope = await ScopeAsync(root, nickname, "time-billing-queries");
                var clock = Stopwatch.StartNew();
                if (name == "dashboard")
                    _ = await scope!.Value.ServiceProvider.GetRequiredService<Dashboards>().ForResellerAsync(new DashboardFilter());
                else
                    _ = (await scope!.Value.ServiceProvider.GetRequiredService<BillingReports>().RunAsync(report, new Core.Paging.PageRequest())).Value;
                if (i >= 5)   // the first runs warm the JIT and the pools
                    list.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        foreach (var (name, list) in timings)
        {
            list.Sort();
            await output.WriteLineAsync($"{name} p50 {list[list.Count / 2]:0.0} ms p95 {list[(int)Math.Ceiling(list.Count * 0.95) - 1]:0.0} ms ({runs} runs)");
        }
        return 0;
    }

    private static async Task<AsyncServiceScope?> ScopeAsync(IServiceProvider root, string nickname, string who)
    {
        var scope = root.CreateAsyncScope();
        var reseller = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<Reseller>().AsNoTracking().FirstOrDefaultAsync(r => r.Nickname == nickname);
        if (reseller is null)
        {
            await scope.DisposeAsync();
            return null;
        }
        new WorkContext(Actor.System(who), reseller.Id, reseller.Nickname).Enter(scope.ServiceProvider);
        return scope;
    }
}
