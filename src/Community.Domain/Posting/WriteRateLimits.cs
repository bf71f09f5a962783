namespace Community.Domain.Posting;

public enum WriteKind
{
    Post,
    Edit,
    Vote,
    Comment,
}

/// <summary>Settings under <c>RateLimits</c>: how many writes of each kind one member may make, and one address (shared by several people, so more).</summary>
public sealed record WriteRateLimitOptions
{
    public int PostsPerHour { get; init; } = 30;
    public int EditsPerHour { get; init; } = 60;
    public int VotesPerMinute { get; init; } = 30;
    public int CommentsPerMinute { get; init; } = 6;

    /// <summary>An address may write this many times what one member may.</summary>
    public int AddressMultiplier { get; init; } = 3;

    public (int Limit, TimeSpan Window) For(WriteKind kind) => kind switch
    {
        WriteKind.Post => (PostsPerHour, TimeSpan.FromHours(1)),
        WriteKind.Edit => (EditsPerHour, TimeSpan.FromHours(1)),
        WriteKind.Vote => (VotesPerMinute, TimeSpan.FromMinutes(1)),
        WriteKind.Comment => (CommentsPerMinute, TimeSpan.FromMinutes(1)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>
/// Sliding-window limits on writes, per member and per address, checked in the domain: actions taken over an
/// interactive circuit never pass through the HTTP rate-limiting middleware. In-process; moderators are exempt.
/// </summary>
public sealed class WriteRateLimits(WriteRateLimitOptions options, TimeProvider time)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> windows = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public Decision TryAcquire(WriteKind kind, Actor actor)
    {
        if (actor.IsModerator)
            return Decision.Allow;
        var (limit, window) = options.For(kind);
        var now = time.GetUtcNow();
        lock (gate)
        {
            var member = Window($"{kind}:user:{actor.UserId}", now - window);
            var address = actor.Address is null ? null : Window($"{kind}:ip:{actor.Address}", now - window);
            if (member.Count >= limit)
                return Decision.Deny(Message(kind, member.Peek() + window - now));
            if (address is not null && address.Count >= limit * options.AddressMultiplier)
                return Decision.Deny(Message(kind, address.Peek() + window - now));
            member.Enqueue(now);
            address?.Enqueue(now);
            return Decision.Allow;
        }
    }

    private Queue<DateTimeOffset> Window(string key, DateTimeOffset since)
    {
        if (!windows.TryGetValue(key, out var queue))
            windows[key] = queue = new Queue<DateTimeOffset>();
        while (queue.Count > 0 && queue.Peek() <= since)
            queue.Dequeue();
        return queue;
    }

    private static string Message(WriteKind kind, TimeSpan wait)
    {
        var what = kind switch
        {
            WriteKind.Post => "posting",
            WriteKind.Edit => "editing",
            WriteKind.Vote => "voting",
            _ => "commenting",
        };
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var after = seconds == 1 ? "1 second" : seconds < 120 ? $"{seconds} seconds" : $"{(int)Math.Ceiling(seconds / 60.0)} minutes";
        return $"You are {what} faster than this community allows. Wait {after} and try again; nothing you typed is lost.";
    }
}
