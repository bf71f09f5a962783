using Community.Domain.Persistence;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore.Storage;

namespace Community.Domain.Tests.Persistence;

/// <summary>
/// The process's SQLite write turn, held by a test as any other writer of the process would hold it, so that writes queue
/// behind it and the next batch is certain (group commit, the vote writer). Let go with <see cref="ReleaseAsync"/>.
/// </summary>
internal sealed class HeldWriteTurn(CommunityDbContext db, IDbContextTransaction turn)
{
    /// <summary>The context holding the turn: what a test writes through it goes into the held transaction.</summary>
    public CommunityDbContext Db => db;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<HeldWriteTurn> TakeAsync(TestForum forum)
    {
        var db = forum.Db();
        return new HeldWriteTurn(db, await db.BeginWriteTransactionAsync(Ct));
    }

    public async Task ReleaseAsync()
    {
        await turn.CommitAsync(Ct);
        await turn.DisposeAsync();
        await db.DisposeAsync();
    }

    /// <summary>Waits until <paramref name="count"/> more writes than <paramref name="before"/> have asked a writer for a turn.</summary>
    public static async Task QueuedAsync(Func<long> enqueued, long before, int count, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (enqueued() - before < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Only {enqueued() - before} of {count} {what} queued.");
            await Task.Delay(2, Ct);
        }
    }
}
