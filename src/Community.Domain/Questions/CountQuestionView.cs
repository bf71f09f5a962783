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
    public async Task<bool> CountAsync(int questionId, string visitor, CancellationToken cancellationToken = default)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(visitor)))[..32];
        var period = (int)(time.GetUtcNow().UtcDateTime - Epoch).TotalDays;
        return await contexts.RunAsync<bool>(async db =>
        {
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
                $"""INSERT INTO "QuestionViews" ("QuestionId", "VisitorKey", "Period") VALUES ({questionId}, {key}, {period}) ON CONFLICT DO NOTHING""", cancellationToken);
            if (inserted == 1)
                await db.Questions.Where(q => q.Id == questionId).ExecuteUpdateAsync(set => set.SetProperty(q => q.ViewCount, q => q.ViewCount + 1), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return inserted == 1;
        }, cancellationToken);
    }
}
