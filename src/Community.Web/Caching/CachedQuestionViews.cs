using System.Threading.Channels;
using Community.Domain.Questions;

namespace Community.Web.Caching;

/// <summary>
/// A question page served from the cache still counts its view, off the request: hits are queued (dropped when
/// the queue is full rather than slowing pages) and counted one by one with the same once-per-visitor-per-day rule.
/// </summary>
public sealed class CachedQuestionViews(CountQuestionView views, ILogger<CachedQuestionViews> logger) : BackgroundService
{
    private readonly Channel<(int QuestionId, string Visitor)> queue =
        Channel.CreateBounded<(int, string)>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>For the question page policy: a cache hit on /questions/{id}.</summary>
    public void Served(HttpContext http)
    {
        if (http.GetRouteValue("Id") is string text && int.TryParse(text, out var questionId))
            queue.Writer.TryWrite((questionId, Visitor(http)));
    }

    /// <summary>The same anonymous visitor key the page uses when it renders.</summary>
    public static string Visitor(HttpContext http) => $"{http.Connection.RemoteIpAddress}|{http.Request.Headers.UserAgent}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (questionId, visitor) in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await views.CountAsync(questionId, visitor, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not count a cached view of question {QuestionId}", questionId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: uncounted views are lost, which a view count can afford.
        }
    }
}
