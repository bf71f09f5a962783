// Where a running product's allocations go, by type: reads a trace of the GC's allocation ticks (one event about every
// 100 KB allocated, naming the type of the object that crossed it) and prints the sampled bytes by type, with the
// collections the trace saw. Take the trace under load (bench/README.md, "where a visitor's page's allocations go"):
//   dotnet-trace collect -p PID --profile gc-verbose -o /tmp/anon.nettrace   (a few seconds, then Ctrl-C or timeout)
//   dotnet run bench/scripts/allocations.cs -- /tmp/anon.nettrace
#:package Microsoft.Diagnostics.Tracing.TraceEvent@3.2.8
#:property ManagePackageVersionsCentrally=false
#:property PublishAot=false
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

var bytes = new Dictionary<string, long>();
long total = 0, largeTicks = 0, collections = 0;
var byGeneration = new long[3];
using var source = new EventPipeEventSource(args[0]);
source.Clr.GCAllocationTick += e =>
{
    var type = e.TypeName ?? "?";
    bytes[type] = bytes.GetValueOrDefault(type) + e.AllocationAmount64;
    total += e.AllocationAmount64;
    if (e.AllocationKind == GCAllocationKind.Large)
        largeTicks++;
};
source.Clr.GCStart += e =>
{
    collections++;
    if (e.Depth is >= 0 and < 3)
        byGeneration[e.Depth]++;
};
source.Process();
Console.WriteLine($"sampled {total / 1048576.0:F1} MiB ({largeTicks} ticks on the large-object heap); "
    + $"{collections} collections (gen0 {byGeneration[0]}, gen1 {byGeneration[1]}, gen2 {byGeneration[2]})");
foreach (var (type, amount) in bytes.OrderByDescending(p => p.Value).Take(args.Length > 1 ? int.Parse(args[1]) : 25))
    Console.WriteLine($"{100.0 * amount / total,5:F1}% {type}");
