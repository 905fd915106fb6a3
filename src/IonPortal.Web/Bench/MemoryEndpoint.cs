namespace IonPortal.Web.Bench;

/// <summary>
/// For <c>bench/console-circuits.sh</c>, mapped only with the benchmark endpoints: after a full,
/// compacting collection, the managed heap, the process's working set and the open circuits, so
/// the memory an open console costs can be read off as a difference.
/// </summary>
public static class MemoryEndpoint
{
    public static void MapBenchMemoryEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/bench/memory", () =>
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return Results.Json(new
            {
                managedBytes = GC.GetTotalMemory(forceFullCollection: false),
                workingSetBytes = process.WorkingSet64,
                openCircuits = Tenancy.SessionCircuitHandler.Open,
            });
        });
}
