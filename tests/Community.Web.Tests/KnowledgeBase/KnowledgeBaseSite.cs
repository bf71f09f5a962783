using AngleSharp.Html.Dom;
using Community.Domain.KnowledgeBase;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;
using Community.Web.Tests.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.KnowledgeBase;

/// <summary>Shortcuts for the knowledge-base tests: a resolved thread made over HTTP, its article, the review forms.</summary>
internal static class KnowledgeBaseSite
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The customer asks, the expert answers, the customer accepts: all through the pages' forms.</summary>
    public static async Task<(int QuestionId, string Path, int AnswerId)> ResolvedThreadAsync(this CommunityWebFactory factory, string what)
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle(what));
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var answerId = await expert.AnswerAsync(path, "Open the Beacon app, go to Settings > Firmware and move the update window to 3am; the amber light is the update retrying.");
        await customer.FollowAsync(await customer.PostFormAsync(path, await customer.GetDocumentAsync(path), QuestionForms.Action($"answers/{answerId}/accept")));
        return (id, path, answerId);
    }

    /// <summary>
    /// Runs the feed for a thread now, as its job does (the job may also have run already: the upsert is idempotent),
    /// and returns the article's id.
    /// </summary>
    public static async Task<int> FeedAsync(this CommunityWebFactory factory, int questionId)
    {
        var outcome = await factory.Services.GetRequiredService<KnowledgeBaseFeed>().SyncArticleAsync(questionId, Ct);
        return outcome.ArticleId ?? await factory.QueryAsync(db => db.KnowledgeBaseArticles.Where(a => a.SourceQuestionId == questionId).Select(a => a.Id).SingleAsync(Ct));
    }

    public static async Task<string> ArticlePathAsync(this CommunityWebFactory factory, int articleId)
    {
        var title = await factory.QueryAsync(db => db.KnowledgeBaseArticles.Where(a => a.Id == articleId).Select(a => a.Title).SingleAsync(Ct));
        return $"/kb/{articleId}/{Community.Domain.Questions.Slug.From(title)}";
    }

    /// <summary>Posts one of /kb/review/{id}'s action forms as staff and returns the page it redirects to.</summary>
    public static async Task<HttpResponseMessage> ReviewActionAsync(this HttpClient staff, int articleId, string action, Dictionary<string, string?>? fields = null)
    {
        var path = $"/kb/review/{articleId}";
        var page = await staff.GetDocumentAsync(path);
        return await staff.PostFormAsync(path, page, QuestionForms.Action($"kb/review/{articleId}/{action}"), fields);
    }

    public static IHtmlFormElement? HelpfulForm(IHtmlDocument page) => page.QuerySelector("form.kb-helpful-form") as IHtmlFormElement;
}
