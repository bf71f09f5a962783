namespace Community.Bench.All;

internal static class CircuitScenarios
{
    public static Task RunAsync(RunContext context)
    {
        context.Rows.Add(ResultRow.NotMeasured("Interactive circuits: memory per idle circuit; 1,000 active circuits p99", "≤ 100 KB; p99 ≤ 20 ms", "todo"));
        return Task.CompletedTask;
    }
}
