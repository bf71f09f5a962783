using System.Collections.Concurrent;
using System.Threading.Channels;
using Community.Domain.Questions;

namespace Community.Web.Caching;

/// <summary>
/// Question views are counted off the request, whether the page was rendered or served from the cache: a view is a
/// write, and a page that waited for the database's writer would be as slow as the busiest writer. Views are queued
/// (dropped when the queue is full rather than slowing pages) and counted with the once-per-visitor-per-day rule, those
/// that queued meanwhile in one write transaction (a transaction each took the write turn a hundred times a second under
/// the bench's readers). A page shows the count from before its own visit anyway. A visitor already counted today is remembered here
/// too, so a reader or crawler fetching one page again and again costs no write at all.
/// </summary>
public sealed class QuestionViewQueue(CountQuestionView views, TimeProvider time, ILogger<QuestionViewQueue> logger) : BackgroundService
{
    /// <summary>How many (question, visitor) pairs are remembered before the memory starts over (the database still decides).</summary>
    private const int Remembered = 100_000;

    private readonly ConcurrentDictionary<(int QuestionId, string Visitor), long> countedToday = new();
    private int pending;
    private readonly Channel<(int QuestionId, string Visitor)> queue =
        Channel.CreateBounded<(int, string)>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>For the question page policy: a cache hit on /questions/{id}.</summary>
    public void Served(HttpContext http)
    {
        if (http.GetRouteValue("Id") is string text && int.TryParse(text, out var questionId))
            Add(questionId, Visitor(http));
    }

    /// <param name="visitor">A member's id, or <see cref="Visitor"/> for anonymous readers.</param>
    public void Add(int questionId, string visitor)
    {
        var day = time.GetUtcNow().UtcDateTime.Date.Ticks;
        if (countedToday.TryGetValue((questionId, visitor), out var counted) && counted == day)
            return;
        if (countedToday.Count >= Remembered)
            countedToday.Clear();
        countedToday[(questionId, visitor)] = day;
        Interlocked.Increment(ref pending);
        if (!queue.Writer.TryWrite((questionId, visitor)))
            Interlocked.Decrement(ref pending);
    }

    /// <summary>Views queued and not counted yet (tests wait for none).</summary>
    public int Pending => Volatile.Read(ref pending);

    /// <summary>The same anonymous visitor key the page uses when it renders.</summary>
    public static string Visitor(HttpContext http) => $"{http.Connection.RemoteIpAddress}|{http.Request.Headers.UserAgent}";

    /// <summary>Views counted in one write transaction at most: those queued while the last one was written.</summary>
    private const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(int QuestionId, string Visitor)>(Batch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < Batch && queue.Reader.TryRead(out var view))
                    batch.Add(view);
                try
                {
                    await views.CountAsync(batch, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not count {Count} views (questions {QuestionIds})", batch.Count, string.Join(", ", batch.Select(view => view.QuestionId).Distinct().Take(10)));
                }
                finally
                {
                    Interlocked.Add(ref pending, -batch.Count);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: uncounted views are lost, which a view count can afford.
        }
    }
}
