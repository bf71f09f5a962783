using Community.Domain.Comments;
using Community.Domain.Posting;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.QuestionsAndAnswers;

public sealed class AddCommentTests
{
    private const string Text = "Which firmware version does the router run?";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Comment> CommentAsync(TestForum forum, int id)
    {
        await using var db = forum.Db();
        return await db.Comments.AsNoTracking().SingleAsync(c => c.Id == id, Ct);
    }

    private static async Task<int> CommentCountAsync(TestForum forum)
    {
        await using var db = forum.Db();
        return await db.Comments.CountAsync(Ct);
    }

    [Fact]
    public async Task ACommentIsSavedTrimmedAndRendered()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var commenter = await forum.MemberAsync();

        var result = await forum.Comment.ExecuteAsync(commenter, new AddCommentCommand(question, "  Run `ipconfig /all` and **check** the gateway.  "), Ct);

        Assert.True(result.Succeeded, result.Message);
        var comment = await CommentAsync(forum, result.Value);
        Assert.Equal("Run `ipconfig /all` and **check** the gateway.", comment.Body);
        Assert.Contains("<code>ipconfig /all</code>", comment.BodyHtml);
        Assert.Contains("<strong>check</strong>", comment.BodyHtml);
        Assert.Equal(question, comment.PostId);
        Assert.Equal(commenter.UserId, comment.AuthorId);
        Assert.Equal(TestForum.Start.UtcDateTime, comment.CreatedAt);
    }

    [Fact]
    public async Task ACommentShowsNoHeadingsOrImages()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());

        var result = await forum.Comment.ExecuteAsync(await forum.MemberAsync(), new AddCommentCommand(question, "# Look here ![router](https://example.com/r.png)"), Ct);

        Assert.True(result.Succeeded, result.Message);
        var html = (await CommentAsync(forum, result.Value)).BodyHtml;
        Assert.DoesNotContain("<h", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("![router](https://example.com/r.png)", html);
    }

    [Fact]
    public async Task HostileMarkupInACommentIsSanitized()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());

        var result = await forum.Comment.ExecuteAsync(await forum.MemberAsync(), new AddCommentCommand(question, "<script>alert(1)</script> [click](javascript:alert(2)) please"), Ct);

        Assert.True(result.Succeeded, result.Message);
        var html = (await CommentAsync(forum, result.Value)).BodyHtml;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(600)]
    public async Task ACommentOf15To600CharactersIsAccepted(int length)
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());

        var result = await forum.Comment.ExecuteAsync(await forum.MemberAsync(), new AddCommentCommand(question, new string('c', length)), Ct);

        Assert.True(result.Succeeded, result.Message);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(601)]
    public async Task ACommentOutside15To600CharactersIsAFieldError(int length)
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());

        var result = await forum.Comment.ExecuteAsync(await forum.MemberAsync(), new AddCommentCommand(question, new string('c', length)), Ct);

        Assert.Equal(WriteFailure.Invalid, result.Failure);
        Assert.Equal($"A comment has 15 to 600 characters; this one has {length}.", result.FieldErrors["Comment"]);
        Assert.Equal(0, await CommentCountAsync(forum));
    }

    [Fact]
    public async Task SpaceAroundACommentDoesNotCountTowardsItsLength()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());

        var result = await forum.Comment.ExecuteAsync(await forum.MemberAsync(), new AddCommentCommand(question, "\n  " + new string('c', 600) + "  \r\n"), Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(600, (await CommentAsync(forum, result.Value)).Body.Length);
    }

    [Fact]
    public async Task AnEmptyCommentIsAFieldError()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());

        var result = await forum.Comment.ExecuteAsync(await forum.MemberAsync(), new AddCommentCommand(question, "   "), Ct);

        Assert.Equal(WriteFailure.Invalid, result.Failure);
        Assert.Contains("this one has 0", result.FieldErrors["Comment"]);
    }

    [Fact]
    public async Task TheSameCommentFormPostedTwiceMakesOneComment()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var commenter = await forum.MemberAsync();

        var first = await forum.Comment.ExecuteAsync(commenter, new AddCommentCommand(question, Text, "comment-form-1"), Ct);
        var second = await forum.Comment.ExecuteAsync(commenter, new AddCommentCommand(question, Text, "comment-form-1"), Ct);

        Assert.True(second.Succeeded, second.Message);
        Assert.Equal(first.Value, second.Value);
        Assert.Equal(1, await CommentCountAsync(forum));
    }

    [Fact]
    public async Task TheSameCommentFormPostedTwiceAtOnceMakesOneComment()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var commenter = await forum.MemberAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            Task.Run(() => forum.Comment.ExecuteAsync(commenter, new AddCommentCommand(question, Text, "comment-form-1"), Ct), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(results[0].Value, results[1].Value);
        Assert.Equal(1, await CommentCountAsync(forum));
    }

    [Fact]
    public async Task AnotherMembersTokenDoesNotFindTheirComment()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());

        var first = await forum.Comment.ExecuteAsync(await forum.MemberAsync(), new AddCommentCommand(question, Text, "comment-form-1"), Ct);
        var second = await forum.Comment.ExecuteAsync(await forum.MemberAsync(), new AddCommentCommand(question, Text, "comment-form-1"), Ct);

        Assert.NotEqual(first.Value, second.Value);
        Assert.Equal(2, await CommentCountAsync(forum));
    }

    [Fact]
    public async Task NobodyCanCommentOnADeletedPost()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        await forum.Delete.DeleteAsync(asker, question, Ct);

        var byModerator = await forum.Comment.ExecuteAsync(await forum.ModeratorAsync(), new AddCommentCommand(question, Text), Ct);
        var byMember = await forum.Comment.ExecuteAsync(await forum.MemberAsync(), new AddCommentCommand(question, Text), Ct);

        Assert.Equal(WriteFailure.Forbidden, byModerator.Failure);
        Assert.Equal(WriteFailure.NotFound, byMember.Failure);
        Assert.Equal(0, await CommentCountAsync(forum));
    }

    [Fact]
    public async Task CommentingFasterThanTheLimitIsRefused()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var commenter = await forum.MemberAsync();
        for (var i = 0; i < 6; i++)
            Assert.True((await forum.Comment.ExecuteAsync(commenter, new AddCommentCommand(question, $"{Text} ({i})"), Ct)).Succeeded);

        var result = await forum.Comment.ExecuteAsync(commenter, new AddCommentCommand(question, Text), Ct);

        Assert.Equal(WriteFailure.RateLimited, result.Failure);
        Assert.Contains("commenting faster", result.Message);
        Assert.Equal(6, await CommentCountAsync(forum));
    }
}
