using Community.Bench.Load;

namespace Community.Bench.All;

/// <summary>
/// Footprint and SQL round trips, on a product started for this alone with EF Core's command log on (every command
/// it sends is one "Executed DbCommand" line: a round trip to SQLite). Counting the log needs no change to the product.
/// </summary>
internal static class Probe
{
    public static async Task RunAsync(RunContext context, ServerProcess product)
    {
        Console.WriteLine("Probe: start-up, idle memory and SQL round trips per page");
        var data = context.Data;
        var firstResponse = product.FirstResponse.TotalMilliseconds;
        using var load = new LoadGenerator(product.Address, 4);
        var cookie = await Servers.SignInAsync(product.Address, data.MemberEmails[0], DatasetWriter.Password);

        async Task<int> CommandsAsync(LoadRequest request)
        {
            // After a first request of the kind (one-off work: compiling the model's queries); the fewest of three, as
            // a background job (the recurring sweeps) may log its own commands meanwhile.
            // A query string of its own each time: an output-cache miss (anonymous pages are cached since issue 9).
            LoadRequest Fresh() => request with { Path = request.Path + (request.Path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "probe=" + Guid.NewGuid().ToString("N") };
            await load.GetAsync(Fresh());
            await SettleAsync(product);
            var fewest = int.MaxValue;
            IReadOnlyList<string> commands = [];
            for (var i = 0; i < 3; i++)
            {
                var before = product.CommandsLogged;
                var (status, _) = await load.GetAsync(Fresh());
                if (status != 200)
                    throw new InvalidOperationException($"{request.Path} answered {status}.");
                await SettleAsync(product);
                if (product.CommandsLogged - before < fewest)
                {
                    fewest = product.CommandsLogged - before;
                    commands = product.CommandsFrom(before);
                }
            }
            // What they are, for the reader of the run's output (the report keeps the count).
            Console.WriteLine($"  {request.Path}{(request.Cookie is null ? "" : " (signed in)")}: {fewest} commands");
            foreach (var command in commands)
                Console.WriteLine("    " + command);
            return fewest;
        }

        var question = new LoadRequest(data.HotQuestions[0].Path);
        var anonymous = await CommandsAsync(question);
        var signedIn = await CommandsAsync(question with { Cookie = cookie });
        var tag = await CommandsAsync(PageScenarios.TagListRequest(data.Tags[0]));
        var search = await CommandsAsync(new LoadRequest($"search?q={Uri.EscapeDataString(data.SearchQueries[0])}"));
        await Task.Delay(context.All.Smoke ? 500 : 3_000);
        var idle = product.ResidentMiB();

        context.Rows.Add(new ResultRow("SQL round trips: anonymous question page", $"{anonymous}", "3", null, null, null, "≤ 3", anonymous <= 3, "",
            "commands in EF Core's log for one request, an output-cache miss (the floor: 3 queries)"));
        context.Rows.Add(new ResultRow("SQL round trips: signed-in question page", $"{signedIn}", "3", null, null, null, "—", null, ""));
        context.Rows.Add(new ResultRow("SQL round trips: question list for a tag", $"{tag}", "1", null, null, null, "≤ 3", tag <= 3, ""));
        context.Rows.Add(new ResultRow("SQL round trips: search", $"{search}", "2", null, null, null, "—", null, ""));
        context.Rows.Add(new ResultRow("Footprint: first response after start", $"{firstResponse:F0} ms", "—", null, null, null, "≤ 1,500 ms", firstResponse <= 1_500, "",
            "process start to the first 200 of GET / on the existing database (migrations checked, no demo seeding)"));
        context.Rows.Add(new ResultRow("Footprint: idle memory", $"{idle:F0} MiB", "—", null, null, null, "≤ 120 MB", idle <= 120, "",
            "resident set (VmRSS) after a few requests and a pause"));
    }

    /// <summary>Waits until the server's log has been quiet for a moment (the console logger writes in the background).</summary>
    private static async Task SettleAsync(ServerProcess product)
    {
        var last = -1;
        for (var i = 0; i < 50 && product.CommandsLogged != last; i++)
        {
            last = product.CommandsLogged;
            await Task.Delay(150);
        }
    }
}
