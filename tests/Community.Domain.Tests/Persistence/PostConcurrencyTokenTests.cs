using Community.Domain.Posting;
using Community.Domain.Questions;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Persistence;

/// <summary>
/// A post's save loses only to an edit made since it was read, on both engines: a view counted, a vote or an answer
/// updates the same row all the time, and must neither fail a close, an acceptance or an edit nor be overwritten by it.
/// </summary>
public sealed class PostConcurrencyTokenTests
{
    private static CancellationToken Ct => TestForum.Ct;

    [Fact]
    public async Task ASaveWinsOverCountersChangedSinceTheReadAndKeepsThem()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var questionId = await forum.AskAsync(asker);

        await using var moderator = forum.Database.CreateDbContext();
        var question = await moderator.Questions.SingleAsync(q => q.Id == questionId, Ct);

        // Meanwhile a reader's view and a vote land on the same row.
        await using (var meanwhile = forum.Database.CreateDbContext())
            await meanwhile.Questions.Where(q => q.Id == questionId)
                .ExecuteUpdateAsync(set => set.SetProperty(q => q.ViewCount, q => q.ViewCount + 1).SetProperty(q => q.Score, q => q.Score + 1), Ct);

        question.ClosedAt = forum.Time.GetUtcNow().UtcDateTime;
        question.CloseReason = CloseReason.OffTopic;
        await moderator.SaveChangesAsync(Ct);

        await using var check = forum.Database.CreateDbContext();
        var saved = await check.Questions.AsNoTracking().SingleAsync(q => q.Id == questionId, Ct);
        Assert.NotNull(saved.ClosedAt);
        Assert.Equal((1, 1), (saved.ViewCount, saved.Score));
    }

    [Fact]
    public async Task ASaveLosesToAnEditMadeSinceTheRead()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var questionId = await forum.AskAsync(asker);

        await using var moderator = forum.Database.CreateDbContext();
        var question = await moderator.Questions.SingleAsync(q => q.Id == questionId, Ct);

        var edited = await forum.Edit.ExecuteAsync(asker,
            new EditPostCommand(questionId, question.Version, TestForum.QuestionBody + " It started after the last update.", TestForum.QuestionTitle, ["wifi"]), Ct);
        Assert.True(edited.Succeeded, edited.Message);

        question.ClosedAt = forum.Time.GetUtcNow().UtcDateTime;
        question.CloseReason = CloseReason.OffTopic;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => moderator.SaveChangesAsync(Ct));
    }
}
