using System.Collections.Concurrent;
using Community.Browser.Tests.Infrastructure;
using Community.Browser.Tests.Pages;
using Community.Domain.Persistence;
using Community.Web.Jobs;
using Hangfire.Common;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Browser.Tests.Journeys;

/// <summary>
/// A solution found once serves the next customer: the customer accepts the expert's answer, the real Hangfire job turns
/// the thread into a draft, staff publish it, and an anonymous visitor reads it (static, no circuit) and says it helped.
/// </summary>
public sealed class KnowledgeBaseJourney(BrowserSite site) : BrowserTest(site)
{
    [Fact]
    public async Task Customer_accepts_the_job_makes_a_draft_staff_publish_and_a_visitor_finds_it_helpful()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var title = $"Beacon Mini drops off the mesh every evening ({unique})";
        var jobs = FeedJobWatcher.Install();

        // The customer asks; the expert answers; the customer accepts.
        var customer = await SignedInAsync("customer@demo.local");
        var asked = await (await AskQuestionPage.OpenAsync(customer)).AskAsync(title,
            $"Every evening around 8pm my **Beacon Mini** leaves the mesh for a few minutes. Ref {unique}.", "wifi-coverage hardware", previewed: "Beacon Mini");
        var questionUrl = customer.Url;
        var expert = await SignedInAsync("expert@demo.local");
        await expert.GotoAsync(questionUrl);
        var answerId = await new QuestionPage(expert).PostAnswerAsync(
            "Turn off **Band steering** for the Mini in Settings > Advanced: it hops to 5 GHz and loses the backhaul at dusk.", previewed: "Band steering");
        await customer.ReloadAsync();
        await asked.AcceptButton(answerId).ClickAsync();
        await Expect(asked.Flash).ToHaveTextAsync("You accepted this answer: the question shows as resolved.");

        // The feed job, enqueued when the acceptance committed, runs on the app's Hangfire server.
        var questionId = int.Parse(new Uri(questionUrl).Segments[2].TrimEnd('/'));
        await jobs.CompletedForQuestionAsync(Site.Server, questionId).WaitAsync(TimeSpan.FromSeconds(30), Cancellation);

        // Staff find the draft at /kb/review and publish it.
        var staff = await SignedInAsync("staff@demo.local");
        var review = await KnowledgeBaseReviewPage.OpenAsync(staff);
        await review.Draft(title).ClickAsync();
        await Expect(review.Status).ToHaveTextAsync("draft");
        await review.PublishButton.ClickAsync();
        await Expect(review.Flash).ToHaveTextAsync("The article is published.");
        await Expect(review.Status).ToHaveTextAsync("published");

        // An anonymous visitor reads it from /kb, without a circuit, and says it helped.
        var visitor = await NewVisitorAsync();
        var circuit = new List<string>();
        visitor.WebSocket += (_, socket) => { lock (circuit) circuit.Add(socket.Url); };
        var article = await KnowledgeBaseArticlePage.OpenFromListAsync(visitor, title);
        await Expect(article.Solution).ToContainTextAsync("Band steering");
        await Expect(article.Credits).ToContainTextAsync("Priya Raman");
        await Expect(article.SourceLink).ToHaveAttributeAsync("href", new Uri(questionUrl).AbsolutePath.TrimStart('/'));
        await article.YesButton.ClickAsync();
        await Expect(article.Flash).ToHaveTextAsync("Thank you: glad it helped.");
        await Expect(article.Thanks).ToHaveTextAsync("You said yes. Thank you!");
        await Expect(article.HelpfulCount).ToHaveTextAsync("1 of 1 found this helpful.");
        await Expect(article.YesButton).ToHaveCountAsync(0);
        lock (circuit) Assert.Empty(circuit);
    }

    /// <summary>Completes when the app's Hangfire server has performed a feed job, successfully, for a given outbox entry.</summary>
    private sealed class FeedJobWatcher : IServerFilter
    {
        private static readonly Lazy<FeedJobWatcher> Instance = new(() =>
        {
            var watcher = new FeedJobWatcher();
            Hangfire.GlobalJobFilters.Filters.Add(watcher);
            return watcher;
        });

        private readonly ConcurrentDictionary<long, TaskCompletionSource> done = new();

        public static FeedJobWatcher Install() => Instance.Value;

        public async Task CompletedForQuestionAsync(CommunityServer server, int questionId)
        {
            var contexts = server.Services.GetRequiredService<IDbContextFactory<CommunityDbContext>>();
            await using var db = await contexts.CreateDbContextAsync();
            var entryId = await db.KnowledgeBaseOutbox.Where(e => e.QuestionId == questionId).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
            await Completion(entryId).Task;
        }

        private TaskCompletionSource Completion(long entryId) =>
            done.GetOrAdd(entryId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public void OnPerforming(PerformingContext context) { }

        public void OnPerformed(PerformedContext context)
        {
            if (context.BackgroundJob.Job.Type == typeof(KnowledgeBaseFeedJob) && context.Exception is null && context.BackgroundJob.Job.Args[0] is long entryId)
                Completion(entryId).TrySetResult();
        }
    }
}
