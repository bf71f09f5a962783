using System.Threading.Channels;
using Community.Domain.Search;

namespace Community.Web.Caching;

/// <summary>
/// Stores related lists ranked by page views (<see cref="RelatedQuestionsCache"/>), off the request and a batch a write
/// turn: a page never waits for the database's writer. A list dropped (queue full) or lost (a failed write, a shutdown)
/// costs only its ranking again on a later first view.
/// </summary>
public sealed class RelatedListsWriter(StoredRelatedLists stored, ILogger<RelatedListsWriter> logger) : BackgroundService
{
    /// <summary>Lists written in one write turn at most.</summary>
    private const int Batch = 200;

    private int pending;
    private readonly Channel<RankedList> queue =
        Channel.CreateBounded<RankedList>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Store(RankedList list)
    {
        Interlocked.Increment(ref pending);
        if (!queue.Writer.TryWrite(list))
            Interlocked.Decrement(ref pending);
    }

    /// <summary>Lists queued and not written yet (tests wait for none).</summary>
    public int Pending => Volatile.Read(ref pending);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                // The latest ranking of a question wins within a batch.
                var batch = new Dictionary<int, RankedList>();
                var taken = 0;
                while (taken < Batch && queue.Reader.TryRead(out var list))
                {
                    batch[list.QuestionId] = list;
                    taken++;
                }
                try
                {
                    await stored.StoreAsync(batch.Values, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not store {Count} related lists; they will be ranked again", batch.Count);
                }
                finally
                {
                    Interlocked.Add(ref pending, -taken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: lists not stored yet are ranked again after the restart.
        }
    }
}
