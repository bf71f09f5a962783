namespace Community.Bench.All;

/// <summary>How long and how hard <c>bench/run all</c> measures; <see cref="Smoke"/> is the tested, seconds-long version.</summary>
public sealed record AllOptions
{
    /// <summary>Seconds of each closed-loop phase (floor or product, one round).</summary>
    public double PhaseSeconds { get; init; } = 5;
    public int Rounds { get; init; } = 3;
    public int Workers { get; init; } = 16;
    /// <summary>
    /// Requests each side of a page scenario serves before its rounds (at most <see cref="WarmSeconds"/>): the product's
    /// hot code is recompiled in tiers over its first thousands of requests, and a server is measured as it runs, warm.
    /// </summary>
    public int WarmRequests { get; init; } = 10_000;
    public double WarmSeconds { get; init; } = 30;
    /// <summary>Seconds of the posting run (the sustained run is 10 minutes: --write-seconds 600).</summary>
    public double WriteSeconds { get; init; } = 15;
    public int Writers { get; init; } = 64;
    /// <summary>Answers a second offered in the posting's open loop whatever the closed loop reached (null: 300/s when it reached 300, else half its rate).</summary>
    public double? PostRate { get; init; }
    /// <summary>Open-loop offered load as a share of the product's measured throughput.</summary>
    public double OfferedShare { get; init; } = 0.5;
    /// <summary>Wait up to this long for the machine to be quiet, then refuse (0: measure anyway and flag).</summary>
    public int RequireQuietSeconds { get; init; }
    public string? ResultsFile { get; init; }
    /// <summary>Threads resolved by the knowledge-base feed scenario.</summary>
    public int KnowledgeBaseThreads { get; init; } = 1_000;
    /// <summary>Active circuits, each sending an event every <see cref="CircuitEventSeconds"/>.</summary>
    public int Circuits { get; init; } = 1_000;
    public double CircuitEventSeconds { get; init; } = 5;
    /// <summary>Only these scenario groups (probe, pages, writes, markdown, circuits, kb); null: all.</summary>
    public IReadOnlySet<string>? Only { get; init; }

    public bool Runs(string group) => Only is null || Only.Contains(group);
    public bool Smoke { get; init; }

    public static AllOptions SmokeDefaults => new()
    {
        PhaseSeconds = 0.3, Rounds = 3, Workers = 4, WarmRequests = 20, WarmSeconds = 1, WriteSeconds = 0.5, Writers = 2, Smoke = true,
        KnowledgeBaseThreads = 20, Circuits = 4, CircuitEventSeconds = 0.25,
    };
}
