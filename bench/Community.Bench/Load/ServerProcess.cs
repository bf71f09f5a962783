using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Community.Bench.Load;

/// <summary>
/// A server the harness starts as its own process on a loopback port (the product, or the floor), and stops. It waits
/// for the first successful reply and remembers how long that took from the start of the process.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly CpuMonitor cpu;
    private int commandLines;
    private readonly List<string> lastLines = [];

    private ServerProcess(Process process, Uri address, CpuMonitor cpu)
    {
        this.process = process;
        this.cpu = cpu;
        Address = address;
    }

    public Uri Address { get; }
    public int Pid => process.Id;
    public TimeSpan FirstResponse { get; private set; }

    /// <summary>Lines of EF Core's "Executed DbCommand" log seen so far (when the server logs commands).</summary>
    public int CommandsLogged => Volatile.Read(ref commandLines);

    private readonly List<string> commandTexts = [];
    private bool readingCommand;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<ServerProcess> StartAsync(string name, string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment, int port, string readyPath, CpuMonitor cpu, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        var address = new Uri($"http://127.0.0.1:{port}/");
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {name}.");
        var server = new ServerProcess(process, address, cpu);
        process.OutputDataReceived += (_, e) => server.Line(e.Data);
        process.ErrorDataReceived += (_, e) => server.Line(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        cpu.Track(process.Id);

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{name} exited with code {process.ExitCode} before answering:\n{server.Tail()}");
            if (clock.Elapsed > timeout)
            {
                await server.DisposeAsync();
                throw new TimeoutException($"{name} did not answer {readyPath} within {timeout.TotalSeconds:F0} s:\n{server.Tail()}");
            }
            try
            {
                using var response = await client.GetAsync(new Uri(address, readyPath));
                if (response.IsSuccessStatusCode)
                {
                    server.FirstResponse = clock.Elapsed;
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(10);
        }
    }

    private void Line(string? line)
    {
        if (line is null)
            return;
        lock (commandTexts)
        {
            if (line.Contains("Executed DbCommand", StringComparison.Ordinal))
            {
                commandTexts.Add("");
                Interlocked.Increment(ref commandLines);
            }
            else if (line.StartsWith("info:", StringComparison.Ordinal) || line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal))
                readingCommand = false;
            else if (commandTexts.Count > 0 && (readingCommand || commandTexts[^1].Length == 0) && commandTexts[^1].Length < 160)
            {
                // The command's SQL follows its log line, indented: its first lines say what it reads.
                readingCommand = true;
                commandTexts[^1] = (commandTexts[^1] + " " + line.Trim()).Trim();
            }
        }
        lock (lastLines)
        {
            lastLines.Add(line);
            if (lastLines.Count > 40)
                lastLines.RemoveAt(0);
        }
    }

    /// <summary>The start of each logged command's SQL from the <paramref name="from"/>th on (see <see cref="CommandsLogged"/>).</summary>
    public IReadOnlyList<string> CommandsFrom(int from)
    {
        lock (commandTexts)
            return commandTexts.Skip(from).Select(c => c.Length > 160 ? c[..160] + "…" : c).ToList();
    }

    public string Tail()
    {
        lock (lastLines)
            return string.Join('\n', lastLines);
    }

    /// <summary>Resident memory of the process (VmRSS), in MiB.</summary>
    public double ResidentMiB()
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    private bool disposed;

    public async ValueTask DisposeAsync()
    {
        if (disposed)
            return;
        disposed = true;
        cpu.Untrack(process.Id);
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
