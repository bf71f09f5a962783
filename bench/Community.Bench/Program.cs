using System.Globalization;
using Community.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

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
    case "lists":
        await ListsBenchmark.RunAsync(options);
        return 0;
    default:
        Console.Error.WriteLine($"Unknown command '{options.Command}'.");
        Console.Error.WriteLine(BenchOptions.Usage);
        return 2;
}
