using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

/// <summary>
/// One staff session on the console's customers page, spoken to as blazor.web.js does it: the
/// prerendered page over HTTP, then a circuit over SignalR's "blazorpack" protocol that starts the
/// page's root components, acknowledges every render batch and answers the page's JavaScript calls.
/// No browser, so hundreds can be held open on one machine; the server does the same work for it.
/// </summary>
sealed partial class ProtocolSession : ISession
{
    private readonly HubConnection _hub;
    private readonly Lock _gate = new();
    private readonly List<(TaskCompletionSource Done, Func<RenderBatch, bool> Match)> _waits = [];
    private static readonly bool Debug = Environment.GetEnvironmentVariable("DEBUG") == "1";
    private long _rendererInterop = -1;
    private ulong _searchInput;
    private int _searchComponent = -1;
    private int _nextCall;

    /// <summary>The first error the circuit reported, if any (a broken session is not measured).</summary>
    public string? Error { get; private set; }

    private readonly HttpClient _http;
    private string _circuit = "";

    private ProtocolSession(HubConnection hub, HttpClient http) => (_hub, _http) = (hub, http);

    /// <summary>Opens the page and its circuit; answers the session and the time from the request to interactive.</summary>
    public static async Task<(ISession Session, double Ms)> OpenAsync(HttpClient http, string baseUrl, string cookies, string path)
    {
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookies);
        using var response = await http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        var markers = ServerMarker().Matches(html).Select(m => JsonDocument.Parse(m.Groups[1].Value).RootElement).ToList();
        var state = PersistedState().Match(html) is { Success: true } s ? s.Groups[1].Value : "";

        var builder = new HubConnectionBuilder();
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol, BlazorPack>();
        var hub = builder
            .WithUrl(baseUrl + "/_blazor", options =>
            {
                options.Headers["Cookie"] = cookies;
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            })
            .Build();
        var session = new ProtocolSession(hub, http);
        session.Listen();
        await hub.StartAsync();

        var interactive = session.WaitForBatch(batch => batch.HasAttribute("data-interactive", "true"));
        session._circuit = await hub.InvokeAsync<string?>("StartCircuit", baseUrl + "/", baseUrl + path, "[]", "")
            ?? throw new InvalidOperationException("The server refused to start a circuit.");
        var operations = new
        {
            batchId = 1,
            operations = markers.Select((marker, i) => new { type = "add", ssrComponentId = i + 1, marker }),
        };
        await hub.SendAsync("UpdateRootComponents", JsonSerializer.Serialize(operations), state);
        await interactive.WaitAsync(TimeSpan.FromSeconds(60));
        var ms = clock.Elapsed.TotalMilliseconds;
        await WaitUntilAsync(() => session._searchInput != 0);
        return (session, ms);
    }

    /// <summary>
    /// Types the term into the search box; answers the time until the grid's new rows arrived.
    /// </summary>
    public async Task<double> SearchAsync(string term)
    {
        var rows = WaitForBatch(batch => batch.Strings().Any(text => text.StartsWith("/console/customers/", StringComparison.Ordinal)));
        var clock = Stopwatch.StartNew();
        var descriptor = new { eventHandlerId = _searchInput, eventName = "input", eventFieldInfo = (object?)null };
        var args = JsonSerializer.Serialize(new object[] { descriptor, new { value = term } });
        await _hub.SendAsync("BeginInvokeDotNetFromJS", Interlocked.Increment(ref _nextCall).ToString(), null, "DispatchEventAsync", _rendererInterop, args);
        await rows.WaitAsync(TimeSpan.FromSeconds(60));
        return clock.Elapsed.TotalMilliseconds;
    }

    private void Listen()
    {
        _hub.On<long, byte[]>("JS.RenderBatch", async (id, data) =>
        {
            var batch = new RenderBatch(data);
            if (Debug) Console.Error.WriteLine($"batch {id} {data.Length} bytes: {string.Join(" | ", batch.Strings().Take(8))}");
            FollowSearchInput(batch);
            lock (_gate)
                foreach (var wait in _waits.Where(w => w.Match(batch)).ToList())
                {
                    _waits.Remove(wait);
                    wait.Done.TrySetResult();
                }
            await _hub.SendAsync("OnRenderCompleted", id, null);
        });
        _hub.On<long, string, string, int, long, int>("JS.BeginInvokeJS", async (task, identifier, args, _, _, _) =>
        {
            if (Debug) Console.Error.WriteLine($"js {task} {identifier} {args[..Math.Min(200, args.Length)]}");
            if (identifier == "Blazor._internal.attachWebRendererInterop")
                _rendererInterop = JsonDocument.Parse(args).RootElement[1].GetProperty("__dotNetObject").GetInt64();
            if (task != 0)
                await _hub.SendAsync("EndInvokeJSFromDotNet", task, true, $"[{task},true,{JsResults.For(identifier)}]");
            // The browser tells the circuit where it now is, as after any navigation.
            if (identifier == "Blazor._internal.navigationManager.navigateTo")
                await _hub.SendAsync("OnLocationChanged", JsonDocument.Parse(args).RootElement[0].GetString(), null, false);
        });
        _hub.On<string>("JS.Error", error => Error ??= error);
    }

    // The search box's input handler: found where its element is rendered, and followed when the
    // component that renders it gives the element a new handler (every re-render of it does).
    private void FollowSearchInput(RenderBatch batch)
    {
        foreach (var (component, type, frame) in batch.Edits())
        {
            if (type == RenderBatch.PrependFrame && batch.EventHandler(frame, "id", "customer-search", "oninput") is { } handler)
                (_searchComponent, _searchInput) = (component, handler);
            else if (type == RenderBatch.SetAttribute && component == _searchComponent && batch.AttributeName(frame) == "oninput")
                _searchInput = batch.AttributeHandler(frame);
        }
    }

    private Task WaitForBatch(Func<RenderBatch, bool> match)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
            _waits.Add((done, match));
        return done.Task;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
            await Task.Delay(100);
    }

    /// <summary>Closes the circuit as a browser leaving the page does, so it is released at once rather than kept for reconnection.</summary>
    public async ValueTask DisposeAsync()
    {
        using var content = new FormUrlEncodedContent([new("circuitId", _circuit)]);
        await _http.PostAsync("/_blazor/disconnect", content);
        await _hub.DisposeAsync();
    }

    [GeneratedRegex("<!--Blazor:(\\{\"type\":\"server\".*?\\})-->")]
    private static partial Regex ServerMarker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->")]
    private static partial Regex PersistedState();
}

/// <summary>What the page's JavaScript would answer to the calls the console makes on load (JSON).</summary>
static class JsResults
{
    public static string For(string identifier) => identifier switch
    {
        "window.hasOwnProperty" => "true",
        "mudpopoverHelper.countProviders" => "1",
        "mudResizeListener.getBrowserWindowSize" => """{"height":900,"width":1280}""",
        "mudElementRef.getBoundingClientRect" => """{"top":0,"left":0,"width":1280,"height":56,"x":0,"y":0,"bottom":56,"right":1280,"windowHeight":900,"windowWidth":1280,"scrollX":0,"scrollY":0}""",
        _ => "null",
    };
}

/// <summary>blazor.web.js's protocol: SignalR's MessagePack protocol under the name the Blazor hub accepts.</summary>
sealed class BlazorPack : IHubProtocol
{
    private readonly MessagePackHubProtocol _messagePack = new();

    public string Name => "blazorpack";
    public int Version => _messagePack.Version;
    public Microsoft.AspNetCore.Connections.TransferFormat TransferFormat => Microsoft.AspNetCore.Connections.TransferFormat.Binary;
    public bool IsVersionSupported(int version) => _messagePack.IsVersionSupported(version);

    public bool TryParseMessage(ref System.Buffers.ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message) =>
        _messagePack.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, System.Buffers.IBufferWriter<byte> output) => _messagePack.WriteMessage(message, output);
    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _messagePack.GetMessageBytes(message);
}
