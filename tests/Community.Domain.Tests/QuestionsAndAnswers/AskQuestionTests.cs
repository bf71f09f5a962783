using Community.Domain.Posting;
using Community.Domain.Questions;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.QuestionsAndAnswers;

public sealed class AskQuestionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AskQuestionCommand Valid(string? clientToken = null, params string[] tags) =>
        new(TestForum.QuestionTitle, TestForum.QuestionBody, tags.Length == 0 ? ["wifi", "router"] : tags, clientToken);

    [Fact]
    public async Task AskingSavesTheQuestionWithItsTagsAndRenderedBody()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();

        var result = await forum.Ask.ExecuteAsync(asker, new AskQuestionCommand("  " + TestForum.QuestionTitle + " ", "The router **restarts** every night at two, for ten minutes.", ["Wifi", " router "]), Ct);

        Assert.True(result.Succeeded, result.Message);
        var question = await forum.QuestionAsync(result.Value);
        Assert.Equal(TestForum.QuestionTitle, question.Title);
        Assert.Equal(asker.UserId, question.AuthorId);
        Assert.Contains("<strong>restarts</strong>", question.BodyHtml);
        Assert.Equal(["router", "wifi"], question.Tags.Select(t => t.Name).Order());
        Assert.Equal(TestForum.Start.UtcDateTime, question.CreatedAt);
        Assert.Equal(TestForum.Start.UtcDateTime, question.LastActivityAt);
        Assert.Equal(1, question.Version);
        Assert.Equal(0, question.AnswerCount);
    }

    [Fact]
    public async Task AskingRecordsRevisionOne()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();

        var id = (await forum.Ask.ExecuteAsync(asker, Valid(), Ct)).Value;

        await using var db = forum.Db();
        var revision = await db.PostRevisions.SingleAsync(r => r.PostId == id, Ct);
        Assert.Equal(1, revision.Number);
        Assert.Equal(asker.UserId, revision.EditorId);
        Assert.Equal(TestForum.QuestionTitle, revision.Title);
        Assert.Equal(TestForum.QuestionBody, revision.Body);
        Assert.Equal("router wifi", revision.Tags);
    }

    [Fact]
    public async Task InvalidInputReturnsAnErrorPerFieldAndSavesNothing()
    {
        await using var forum = await TestForum.CreateAsync();

        var result = await forum.Ask.ExecuteAsync(await forum.MemberAsync(), new AskQuestionCommand("Too short", "Short body", ["nope"]), Ct);

        Assert.Equal(WriteFailure.Invalid, result.Failure);
        Assert.Equal(["Body", "Tags", "Title"], result.FieldErrors.Keys.Order());
        Assert.Contains("it has 9", result.FieldErrors["Title"]);
        Assert.Contains("it has 10", result.FieldErrors["Body"]);
        Assert.Equal("Choose existing tags only; these do not exist: nope.", result.FieldErrors["Tags"]);
        await using var db = forum.Db();
        Assert.Equal(0, await db.Posts.CountAsync(Ct));
        Assert.Equal(0, await db.PostRevisions.CountAsync(Ct));
    }

    [Fact]
    public async Task NoTagsIsAFieldError()
    {
        await using var forum = await TestForum.CreateAsync();

        var result = await forum.Ask.ExecuteAsync(await forum.MemberAsync(), new AskQuestionCommand(TestForum.QuestionTitle, TestForum.QuestionBody, [" ", ""]), Ct);

        Assert.Equal(WriteFailure.Invalid, result.Failure);
        Assert.Equal(["Tags"], result.FieldErrors.Keys);
    }

    [Fact]
    public async Task SixTagsIsAFieldError()
    {
        await using var forum = await TestForum.CreateAsync();

        var result = await forum.Ask.ExecuteAsync(await forum.MemberAsync(), Valid(null, [.. TestForum.TagNames]), Ct);

        Assert.Equal(["Tags"], result.FieldErrors.Keys);
        Assert.Equal("Choose at most 5 tags; you chose 6.", result.FieldErrors["Tags"]);
    }

    [Fact]
    public async Task TheSameFormPostedTwiceMakesOneQuestion()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();

        var first = await forum.Ask.ExecuteAsync(asker, Valid("form-1"), Ct);
        var second = await forum.Ask.ExecuteAsync(asker, Valid("form-1"), Ct);

        Assert.True(second.Succeeded);
        Assert.Equal(first.Value, second.Value);
        await using var db = forum.Db();
        Assert.Equal(1, await db.Questions.CountAsync(Ct));
        Assert.Equal(1, await db.PostRevisions.CountAsync(Ct));
    }

    [Fact]
    public async Task TheSameFormPostedTwiceAtOnceMakesOneQuestion()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => forum.Ask.ExecuteAsync(asker, Valid("form-1"), Ct), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(results[0].Value, results[1].Value);
        await using var db = forum.Db();
        Assert.Equal(1, await db.Questions.CountAsync(Ct));
    }

    [Fact]
    public async Task TwoMembersMayUseTheSameFormToken()
    {
        await using var forum = await TestForum.CreateAsync();

        var first = await forum.Ask.ExecuteAsync(await forum.MemberAsync(), Valid("form-1"), Ct);
        var second = await forum.Ask.ExecuteAsync(await forum.MemberAsync(), Valid("form-1"), Ct);

        Assert.NotEqual(first.Value, second.Value);
    }

    [Fact]
    public async Task WithoutATokenEachPostMakesAQuestion()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();

        var first = await forum.Ask.ExecuteAsync(asker, Valid(), Ct);
        var second = await forum.Ask.ExecuteAsync(asker, Valid(), Ct);

        Assert.NotEqual(first.Value, second.Value);
    }

    [Fact]
    public async Task HostileMarkdownIsSanitizedInTheStoredHtml()
    {
        await using var forum = await TestForum.CreateAsync();
        var body = "Click [here](javascript:alert(1)) <script>alert('x')</script> <img src=x onerror=alert(2)> to fix the router.";

        var result = await forum.Ask.ExecuteAsync(await forum.MemberAsync(), new AskQuestionCommand(TestForum.QuestionTitle, body, ["wifi"]), Ct);

        Assert.True(result.Succeeded, result.Message);
        var question = await forum.QuestionAsync(result.Value);
        Assert.Equal(body, question.Body);
        Assert.DoesNotContain("<script", question.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", question.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", question.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", question.BodyHtml); // shown as the text that was typed, never run
    }

    [Fact]
    public async Task ABodyPastTheRenderersLimitsIsRefusedWithAMessage()
    {
        await using var forum = await TestForum.CreateAsync();
        var body = new string('>', 40) + " a quote nested far deeper than anyone can read";

        var result = await forum.Ask.ExecuteAsync(await forum.MemberAsync(), new AskQuestionCommand(TestForum.QuestionTitle, body, ["wifi"]), Ct);

        Assert.Equal(WriteFailure.Invalid, result.Failure);
        Assert.Equal(["Body"], result.FieldErrors.Keys);
        Assert.Contains("nests quotes or lists 40 levels deep", result.FieldErrors["Body"]);
        await using var db = forum.Db();
        Assert.Equal(0, await db.Posts.CountAsync(Ct));
    }

    [Fact]
    public async Task ABodyThatWouldProduceTooMuchHtmlIsRefusedWithAMessage()
    {
        await using var forum = await TestForum.CreateAsync();
        // 400 uses of one long address, in paragraphs of 100: more links in a paragraph or in the post are refused
        // before parsing, for other reasons (MaxLinksPerParagraph, MaxLinksPerPost).
        var body = "[r]: https://example.com/" + new string('a', 2_000) + "\n\n"
            + string.Join("\n\n", Enumerable.Repeat(string.Concat(Enumerable.Repeat("[r] ", 100)), 4));

        var result = await forum.Ask.ExecuteAsync(await forum.MemberAsync(), new AskQuestionCommand(TestForum.QuestionTitle, body, ["wifi"]), Ct);

        Assert.Equal(WriteFailure.Invalid, result.Failure);
        Assert.Contains("characters of HTML", result.FieldErrors["Body"]);
    }

    [Fact]
    public async Task AskingFasterThanTheLimitIsRefusedAndSavesNothing()
    {
        await using var forum = await TestForum.CreateAsync(new WriteRateLimitOptions { PostsPerHour = 1 });
        var asker = await forum.MemberAsync();
        await forum.AskAsync(asker);

        var result = await forum.Ask.ExecuteAsync(asker, Valid(), Ct);

        Assert.Equal(WriteFailure.RateLimited, result.Failure);
        Assert.Contains("Wait 60 minutes", result.Message);
        await using var db = forum.Db();
        Assert.Equal(1, await db.Questions.CountAsync(Ct));
    }
}
