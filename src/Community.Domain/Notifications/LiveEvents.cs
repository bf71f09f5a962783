using System.Collections.Concurrent;

namespace Community.Domain.Notifications;

public enum QuestionChange
{
    NewAnswer,
    NewComment,
    ScoreChanged,
    AnswerAccepted,
}

/// <summary>Something changed on a question page that open pages should show without reloading.</summary>
public sealed record QuestionActivity(int QuestionId, QuestionChange Change, int? PostId, string? ActorId);

/// <summary>
/// Events for open pages: what happened on a question, and whose notifications changed. In process by default; a shared
/// channel (Redis) can carry the same events between several servers behind this interface.
/// </summary>
public interface ILiveEvents
{
    void Publish(QuestionActivity activity);
    void NotificationsChanged(string userId);

    IDisposable OnQuestion(int questionId, Func<QuestionActivity, Task> handler);
    IDisposable OnNotifications(string userId, Func<Task> handler);
}

/// <summary>One server's events: handlers are called on the publisher's thread pool, and a failing handler never hurts the write.</summary>
public sealed class InProcessLiveEvents : ILiveEvents
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<Guid, Func<QuestionActivity, Task>>> questions = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Func<Task>>> members = new();

    public void Publish(QuestionActivity activity)
    {
        if (questions.TryGetValue(activity.QuestionId, out var handlers))
            foreach (var handler in handlers.Values)
                _ = Safely(() => handler(activity));
    }

    public void NotificationsChanged(string userId)
    {
        if (members.TryGetValue(userId, out var handlers))
            foreach (var handler in handlers.Values)
                _ = Safely(handler);
    }

    public IDisposable OnQuestion(int questionId, Func<QuestionActivity, Task> handler) => Add(questions, questionId, handler);

    public IDisposable OnNotifications(string userId, Func<Task> handler) => Add(members, userId, handler);

    private static Subscription Add<TKey, THandler>(ConcurrentDictionary<TKey, ConcurrentDictionary<Guid, THandler>> table, TKey key, THandler handler) where TKey : notnull
    {
        var id = Guid.NewGuid();
        table.GetOrAdd(key, _ => new()).TryAdd(id, handler);
        return new Subscription(() =>
        {
            if (table.TryGetValue(key, out var handlers))
                handlers.TryRemove(id, out _);
        });
    }

    private static async Task Safely(Func<Task> handler)
    {
        try
        {
            await Task.Yield();
            await handler();
        }
        catch (Exception)
        {
            // A closed page or a broken circuit must not affect anyone else; the page catches up on its next load.
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? onDispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref onDispose, null)?.Invoke();
    }
}
