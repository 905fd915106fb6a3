using System.Diagnostics;
using IonPortal.Core;
using IonPortal.Core.Accounts;
using IonPortal.Core.Catalog.PriceLists;

namespace IonPortal.Web.Hosting;

/// <summary>
/// <c>import-price-list prices.csv</c>: the admin page's import from a shell (a monthly job, a
/// benchmark). Prints the problems of a bad file, or what changed and how long reading and applying took.
/// </summary>
public static class PriceListCommand
{
    public static async Task<int> ImportAsync(IServiceProvider root, string path, TextWriter output)
    {
        if (!File.Exists(path))
        {
            await output.WriteLineAsync($"No file at {path}.");
            return 1;
        }
        var clock = Stopwatch.StartNew();
        PriceListFile file;
        await using (var content = File.OpenRead(path))
            file = PriceListFile.Read(content);
        var read = clock.Elapsed;
        if (!file.IsValid)
        {
            foreach (var error in file.Errors.Take(50))
                await output.WriteLineAsync($"line {error.Line}, {error.Column}: {error.Problem.Text}");
            await output.WriteLineAsync($"{file.Errors.Count} problems; nothing was imported.");
            return 1;
        }
        await using var scope = root.CreateAsyncScope();
        new WorkContext(Actor.System("import-price-list")).Enter(scope.ServiceProvider);
        var outcome = await scope.ServiceProvider.GetRequiredService<PriceListImport>().ApplyAsync(file);
        if (!outcome.IsDone)
        {
            await output.WriteLineAsync(outcome.ToString());
            return 1;
        }
        var changes = outcome.Value;
        var counts = string.Join(", ", Enum.GetValues<PriceListChangeKind>().Where(k => changes.Count(k) > 0).Select(k => $"{k} {changes.Count(k)}"));
        await output.WriteLineAsync($"{file.Rows.Count} rows ({changes.RowsLeftOut} left out) in {changes.Currency}: {(changes.ChangesNothing ? "no changes" : counts)}");
        await output.WriteLineAsync($"read {read.TotalMilliseconds:0} ms, applied {(clock.Elapsed - read).TotalMilliseconds:0} ms, total {clock.Elapsed.TotalMilliseconds:0} ms");
        return 0;
    }
}
