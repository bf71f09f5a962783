using System.Security.Cryptography;
using System.Text;
using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Questions;

/// <summary>Counts a view once per visitor per day: a refresh or a crawler's retry counts nothing.</summary>
public sealed class CountQuestionView(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    private static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <param name="visitor">A member id, or address and user agent for anonymous visitors; only its hash is stored.</param>
    public async Task<bool> CountAsync(int questionId, string visitor, CancellationToken cancellationToken = default) =>
        await CountAsync([(questionId, visitor)], cancellationToken) == 1;

    /// <summary>
    /// Several views in one write transaction (the web server's queue of them, <c>QuestionViewQueue</c>): a page's view
    /// one at a time took the write turn a hundred times a second under readers. Returns how many were first views.
    /// </summary>
    public async Task<int> CountAsync(IReadOnlyCollection<(int QuestionId, string Visitor)> views, CancellationToken cancellationToken = default)
    {
        if (views.Count == 0)
            return 0;
        var period = (int)(time.GetUtcNow().UtcDateTime - Epoch).TotalDays;
        var keyed = views.Select(view => (view.QuestionId, Key: Key(view.Visitor))).ToList();
        return await contexts.RunAsync<int>(async db =>
        {
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            var counted = 0;
            foreach (var (questionId, key) in keyed)
            {
                var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
                    $"""INSERT INTO "QuestionViews" ("QuestionId", "VisitorKey", "Period") VALUES ({questionId}, {key}, {period}) ON CONFLICT DO NOTHING""", cancellationToken);
                if (inserted == 1)
                {
                    await db.Questions.Where(q => q.Id == questionId).ExecuteUpdateAsync(set => set.SetProperty(q => q.ViewCount, q => q.ViewCount + 1), cancellationToken);
                    counted++;
                }
            }
            await transaction.CommitAsync(cancellationToken);
            return counted;
        }, cancellationToken);
    }

    private static string Key(string visitor) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(visitor)))[..32];
}
