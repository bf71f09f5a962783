using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Community.Bench.All;

/// <summary>
/// A browser's part of a Blazor Server circuit, at the protocol level, for one signed-in page (what blazor.web.js does,
/// without a DOM). The SignalR client does negotiate, the WebSocket and the handshake; Blazor's hub speaks only
/// "blazorpack", which is SignalR's MessagePack protocol under another name (ASP.NET Core's own test client, Ignitor,
/// renames it the same way). Then, as a Blazor Web App does: <c>StartCircuit</c> with no components, wait for the
/// renderer's <c>attachWebRendererInterop</c> call, <c>UpdateRootComponents</c> with the page's
/// <c>&lt;!--Blazor:{…}--&gt;</c> server markers and its <c>Blazor-Server-Component-State</c>, answer every render batch
/// with <c>OnRenderCompleted</c> and every JS call with <c>EndInvokeJSFromDotNet</c>. Events go through
/// <c>BeginInvokeDotNetFromJS(…, "DispatchEventAsync", interop object, [descriptor, args])</c>, as the browser sends them.
/// </summary>
internal sealed partial class BlazorCircuitClient : IAsyncDisposable
{
    private readonly HubConnection hub;
    private readonly TaskCompletionSource<long> attached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource rootsAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();
    private TaskCompletionSource? nextBatch;
    private long nextCallId;

    public string? Error { get; private set; }
    public int Batches { get; private set; }
    public int Components { get; private set; }

    /// <summary>The event handler of the element the scenario types into (the answer editor's textarea), once rendered.</summary>
    public ulong? InputHandlerId { get; private set; }

    private BlazorCircuitClient(Uri address, string cookie)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(address, "_blazor"), options =>
        {
            options.Headers["Cookie"] = cookie;
            options.Transports = HttpTransportType.WebSockets;
        });
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHubProtocol, BlazorPackProtocol>());
        hub = builder.Build();
        hub.ServerTimeout = TimeSpan.FromMinutes(2);
        hub.HandshakeTimeout = TimeSpan.FromMinutes(1);

        hub.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        // .NET 10: (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType).
        hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], OnBeginInvokeJSAsync);
        hub.On<long>("JS.EndUpdateRootComponents", _ => rootsAdded.TrySetResult());
        hub.On<string>("JS.Error", error =>
        {
            Error ??= error;
            attached.TrySetException(new InvalidOperationException(error));
            rootsAdded.TrySetException(new InvalidOperationException(error));
        });
    }

    /// <summary>Connects and makes the page's server components interactive; returns once their first render arrived.</summary>
    public static async Task<BlazorCircuitClient> StartAsync(Uri address, string cookie, Uri page, string html, TimeSpan timeout)
    {
        var markers = Markers(html);
        // Profiling (bench/README.md): "N" the first N islands only, "-N" all but the first N, "i,j,k" those (from 0).
        if (Environment.GetEnvironmentVariable("BENCH_CIRCUIT_MARKERS") is { Length: > 0 } only)
            markers = only.Contains(',', StringComparison.Ordinal)
                ? only.Split(',').Select(i => int.Parse(i, System.Globalization.CultureInfo.InvariantCulture)).Where(i => i < markers.Count).Select(i => markers[i]).ToList()
                : int.Parse(only, System.Globalization.CultureInfo.InvariantCulture) is var n && n >= 0 ? markers.Take(n).ToList() : markers.Skip(-n).ToList();
        var state = ComponentState().Match(html) is { Success: true } m ? m.Groups[1].Value : "";
        var client = new BlazorCircuitClient(address, cookie) { Components = markers.Count };
        try
        {
            using var cancel = new CancellationTokenSource(timeout);
            await client.hub.StartAsync(cancel.Token);
            if (Environment.GetEnvironmentVariable("BENCH_CIRCUIT_CONNECT_ONLY") == "1")
                return client;
            var secret = await client.hub.InvokeAsync<string?>("StartCircuit", address.ToString(), page.ToString(), "[]", "", cancel.Token);
            if (string.IsNullOrEmpty(secret))
                throw new InvalidOperationException($"StartCircuit refused: {client.Error ?? "no circuit"}");
            await client.attached.Task.WaitAsync(cancel.Token);
            var batch = new JsonObject
            {
                ["batchId"] = 1,
                ["operations"] = new JsonArray(markers.Select((marker, i) => (JsonNode)new JsonObject
                {
                    ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = marker.DeepClone(),
                }).ToArray()),
            };
            await client.hub.SendAsync("UpdateRootComponents", batch.ToJsonString(), state, cancel.Token);
            if (markers.Count > 0)
                await client.rootsAdded.Task.WaitAsync(cancel.Token);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Types <paramref name="text"/> into the editor (an "input" event) and waits for the render batch it causes.</summary>
    public async Task InputAsync(string text, TimeSpan timeout)
    {
        if (InputHandlerId is not { } handler || !attached.Task.IsCompletedSuccessfully)
            throw new InvalidOperationException("The page rendered no input handler to type into.");
        var rendered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
            nextBatch = rendered;
        var arguments = JsonSerializer.Serialize(new object?[]
        {
            new { eventHandlerId = handler, eventName = "input", eventFieldInfo = (object?)null },
            new { value = text },
        });
        var callId = Interlocked.Increment(ref nextCallId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await hub.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", attached.Task.Result, arguments);
        await rendered.Task.WaitAsync(timeout);
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        Batches++;
        // A re-render gives @bind's handler a new id: keep the latest.
        if (EventHandler(data, "oninput") is { } handler)
            InputHandlerId = handler;
        TaskCompletionSource? waiting;
        lock (gate)
        {
            waiting = nextBatch;
            nextBatch = null;
        }
        waiting?.TrySetResult();
        try
        {
            await hub.SendAsync("OnRenderCompleted", batchId, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Error ??= e.Message;
        }
    }

    private async Task OnBeginInvokeJSAsync(object?[] args)
    {
        var handle = (long)args[0]!;
        var identifier = (string?)args[1] ?? "";
        if (identifier.EndsWith("attachWebRendererInterop", StringComparison.Ordinal) && DotNetObject().Match((string?)args[2] ?? "") is { Success: true } found)
            attached.TrySetResult(long.Parse(found.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        if (handle == 0)
            return;
        // Every JS call succeeds with no value: the page's islands only ask the browser for things a DOM would do.
        await hub.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,null]");
    }

    /// <summary>The server markers of the page (the start markers: those with a type), as the browser reads them.</summary>
    public static List<JsonObject> Markers(string html) =>
        Marker().Matches(html).Select(m => JsonNode.Parse(m.Groups[1].Value) as JsonObject)
            .Where(o => o is not null && (string?)o["type"] == "server").Select(o => o!).ToList();

    /// <summary>
    /// Reads a render batch (RenderBatchWriter's format: the reference frames, 20 bytes each, and a string table, their
    /// offsets in the last 20 bytes) for the event handler id of the first attribute named <paramref name="attribute"/>.
    /// </summary>
    public static ulong? EventHandler(byte[] batch, string attribute)
    {
        const int attributeFrame = 3;
        int At(int offset) => BinaryPrimitives.ReadInt32LittleEndian(batch.AsSpan(offset));
        var trailer = batch.Length - 20;
        var frames = At(trailer + 4);
        var strings = At(trailer + 16);
        var stringCount = (trailer - strings) / 4;
        var count = At(frames);
        for (var i = 0; i < count; i++)
        {
            var frame = frames + 4 + i * 20;
            if (At(frame) != attributeFrame)
                continue;
            var handler = BinaryPrimitives.ReadUInt64LittleEndian(batch.AsSpan(frame + 12));
            var name = At(frame + 4);
            if (handler != 0 && name >= 0 && name < stringCount && String(batch, At(strings + name * 4)) == attribute)
                return handler;
        }
        return null;
    }

    /// <summary>A BinaryWriter string: 7-bit encoded length, then UTF-8.</summary>
    private static string String(ReadOnlySpan<byte> batch, int offset)
    {
        int length = 0, shift = 0;
        byte b;
        do
        {
            b = batch[offset++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return Encoding.UTF8.GetString(batch.Slice(offset, length));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await hub.DisposeAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Closing: nothing left to report.
        }
    }

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex ComponentState();

    [GeneratedRegex("\"__dotNetObject\":(\\d+)")]
    private static partial Regex DotNetObject();

    /// <summary>SignalR's MessagePack protocol under the name Blazor's hub accepts.</summary>
    private sealed class BlazorPackProtocol : MessagePackHubProtocol, IHubProtocol
    {
        string IHubProtocol.Name => "blazorpack";
    }

    public static long Now => Stopwatch.GetTimestamp();
}
