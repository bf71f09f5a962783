using System.Globalization;
using Community.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// The floor is this program too, started by `all` as its own process.
if (args.Length > 0 && args[0] == "floor")
{
    string Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException($"floor needs {name}.");
    await Community.Bench.Floor.FloorServer.RunAsync(Arg("--db"), int.Parse(Arg("--port"), CultureInfo.InvariantCulture),
        args.Contains("--static") ? Arg("--static") : null);
    return 0;
}

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(BenchOptions.Usage);
    return args.Length == 0 ? 2 : 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine();
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

switch (options.Command)
{
    case "generate":
        await Dataset.EnsureAsync(options);
        return 0;
    case "all":
        try
        {
            await Community.Bench.All.AllBenchmark.RunAsync(options, options.All);
            return 0;
        }
        catch (Community.Bench.All.MachineBusyException busy)
        {
            Console.Error.WriteLine(busy.Message);
            return 3;
        }
    case "lists":
        await ListsBenchmark.RunAsync(options);
        return 0;
    default:
        Console.Error.WriteLine($"Unknown command '{options.Command}'.");
        Console.Error.WriteLine(BenchOptions.Usage);
        return 2;
}
