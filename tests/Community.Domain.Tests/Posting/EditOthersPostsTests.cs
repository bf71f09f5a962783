using Community.Domain.Posting;

namespace Community.Domain.Tests.Posting;

/// <summary>Editing someone else's post directly is earned at 2,000 reputation.</summary>
public sealed class EditOthersPostsTests
{
    private static CancellationToken Ct => TestForum.Ct;

    [Theory]
    [InlineData(1_999, false)]
    [InlineData(2_000, true)]
    public async Task AMemberEditsOthersPostsOnlyWithTheReputationForIt(int reputation, bool allowed)
    {
        await using var forum = await TestForum.CreateAsync();
        var author = await forum.MemberAsync("Original Author");
        var editor = await forum.MemberWithReputationAsync(reputation, "Would Be Editor");
        var question = await forum.AskAsync(author);

        var result = await forum.Edit.ExecuteAsync(editor,
            new EditPostCommand(question, 1, TestForum.QuestionBody + " (formatting fixed)", TestForum.QuestionTitle, ["wifi"], "Fixed formatting"), Ct);

        Assert.Equal(allowed, result.Succeeded);
        Assert.Equal(allowed ? 2 : 1, (await forum.PostAsync(question)).Version);
        if (!allowed)
            Assert.Contains("2,000 reputation", result.Message);
    }

    [Fact]
    public void TheRuleNamesWhoMayEdit()
    {
        var post = new Community.Domain.Questions.Question { AuthorId = "author" };
        var member = new Actor("member", IsModerator: false);

        Assert.False(PostRules.CanEdit(member, post).Allowed);
        Assert.True(PostRules.CanEdit(member, post, editsOthersPosts: true).Allowed);
    }
}
