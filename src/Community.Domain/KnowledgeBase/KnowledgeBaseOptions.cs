namespace Community.Domain.KnowledgeBase;

/// <summary>Settings under <c>KnowledgeBase</c>.</summary>
public sealed record KnowledgeBaseOptions
{
    public const string Section = "KnowledgeBase";

    /// <summary>Threads with a staff official answer go public without review (the company already vouched for them).</summary>
    public bool AutoPublishOfficial { get; init; }

    /// <summary>Reputation for each member credited in an article, once per article while it is published.</summary>
    public int ContributorBonus { get; init; } = 10;

    /// <summary>After this many failed attempts an entry is left for an admin to retry from /admin/kb-outbox.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>The sweep leaves entries younger than this to the job enqueued when they were written.</summary>
    public TimeSpan SweepGrace { get; init; } = TimeSpan.FromMinutes(1);
}
