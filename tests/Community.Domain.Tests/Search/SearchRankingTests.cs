using Community.Domain.KnowledgeBase;
using Community.Domain.Persistence;
using Community.Domain.Questions;
using Community.Domain.Search;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Search;

/// <summary>
/// Ranking, filters and paging over a generated forum of 3,000 questions (most with answers) on the real engine, with a
/// few planted threads whose order the ranking must get right; on PostgreSQL too, where ts_rank does the relevance. One forum for the class: it takes a while to fill.
/// </summary>
public sealed class SearchRankingTests(SearchRankingTests.GeneratedForum data) : IClassFixture<SearchRankingTests.GeneratedForum>
{
    private static CancellationToken Ct => TestForum.Ct;

    private Task<SearchResults> SearchAsync(string text, int page = 1) =>
        data.Index.SearchAsync(new SearchRequest(SearchQuery.Parse(text), page), Ct);

    [Fact]
    public async Task A_title_match_ranks_above_a_mention_in_the_body()
    {
        var hits = (await SearchAsync("zebracam")).Hits.Select(h => h.Id).ToList();

        Assert.Equal([data.Planted["title"], data.Planted["body"]], hits);
    }

    [Fact]
    public async Task Between_equally_relevant_threads_score_and_an_accepted_answer_win()
    {
        var hits = (await SearchAsync("quokka sync")).Hits.Select(h => h.Id).ToList();

        Assert.Equal([data.Planted["accepted"], data.Planted["plain"]], hits);
    }

    [Fact]
    public async Task Between_equal_threads_the_recent_one_wins()
    {
        var hits = (await SearchAsync("wombat pairing")).Hits.Select(h => h.Id).ToList();

        Assert.Equal([data.Planted["new"], data.Planted["old"]], hits);
    }

    [Fact]
    public async Task A_quoted_phrase_needs_the_words_in_order()
    {
        Assert.Equal([data.Planted["phrase"]], (await SearchAsync("\"amber light\"")).Hits.Select(h => h.Id));
        Assert.Equal(2, (await SearchAsync("amber light")).Total);
    }

    [Fact]
    public async Task Filters_narrow_by_tag_answered_accepted_and_knowledge_base()
    {
        // Bounds wide enough to count every match (the default stops at 1,000: see the next test).
        var index = data.Forum.SearchIndex(new SearchBounds(Candidates: 10_000));
        Task<SearchResults> SearchAsync(string text) => index.SearchAsync(new SearchRequest(SearchQuery.Parse(text)), Ct);
        var all = await SearchAsync("device");
        var billing = await SearchAsync("device [billing]");
        var answered = await SearchAsync("device is:answered");
        var accepted = await SearchAsync("device is:accepted");
        var kb = await SearchAsync("device in:kb");

        Assert.Equal(data.Expected.All, all.Total);
        Assert.Equal(data.Expected.Billing, billing.Total);
        Assert.Equal(data.Expected.Answered, answered.Total);
        Assert.Equal(data.Expected.Accepted, accepted.Total);
        Assert.Equal(data.Expected.Articles, kb.Total);
        Assert.All(billing.Hits, h => Assert.Contains("billing", h.Tags));
        Assert.All(answered.Hits, h => Assert.True(h.Kind == SearchHitKind.Article || h.AnswerCount > 0));
        Assert.All(accepted.Hits, h => Assert.True(h.Kind == SearchHitKind.Article || h.HasAcceptedAnswer));
        Assert.All(kb.Hits, h => Assert.Equal(SearchHitKind.Article, h.Kind));
    }

    [Fact]
    public async Task Past_the_bound_the_count_says_so_and_the_pages_stop_at_the_last_ranked_one()
    {
        var all = await SearchAsync("device");
        var last = await SearchAsync("device", SearchRequest.MaxPage);

        Assert.True(all.MoreThanTotal);
        Assert.True(all.Total >= SearchBounds.Default.Candidates);
        Assert.StartsWith($"{all.Total:N0}+ results", all.CountText);
        Assert.Equal(SearchRequest.MaxPage, all.Pages);
        Assert.Equal(SearchRequest.DefaultPageSize, last.Hits.Count);
    }

    [Fact]
    public async Task Pages_follow_each_other_without_repeats()
    {
        var first = await SearchAsync("device");
        var second = await SearchAsync("device", 2);

        Assert.Equal(SearchRequest.DefaultPageSize, first.Hits.Count);
        Assert.Equal(SearchRequest.DefaultPageSize, second.Hits.Count);
        Assert.Empty(first.Hits.Select(h => (h.Kind, h.Id)).Intersect(second.Hits.Select(h => (h.Kind, h.Id))));
    }

    [Fact]
    public async Task Deleted_threads_never_appear()
    {
        Assert.Empty((await SearchAsync("platypus")).Hits);
    }

    [Fact]
    public async Task Words_not_all_found_together_fall_back_to_any_of_them()
    {
        var results = await SearchAsync("zebracam unfindableword");

        Assert.True(results.MatchedSomeWords);
        Assert.Equal(2, results.Total);
    }

    [Theory]
    [InlineData("NEAR(device router, 2)")]
    [InlineData("device AND OR NOT")]
    [InlineData("\"device")]
    [InlineData("title:device")]
    [InlineData("dev*")]
    [InlineData("{title body}: device")]
    [InlineData("device - ^ + ( ) :")]
    [InlineData("[] [ ] [[billing]] device")]
    public async Task Malformed_queries_give_results_not_errors(string text)
    {
        var results = await SearchAsync(text);

        Assert.True(results.Total >= 0);
    }

    [Fact]
    public async Task A_very_long_query_still_answers()
    {
        var results = await SearchAsync(string.Join(' ', Enumerable.Repeat("device router", 300)));

        Assert.True(results.Total > 0);
    }

    [Fact]
    public async Task Related_questions_share_tags_and_words_and_exclude_the_question_itself()
    {
        var related = await data.Index.RelatedAsync(data.Planted["accepted"], "quokka sync fails overnight", ["billing"], 5, Ct);

        Assert.Equal(data.Planted["plain"], related[0].Id);
        Assert.DoesNotContain(related, h => h.Id == data.Planted["accepted"]);
        Assert.All(related, h => Assert.Equal(SearchHitKind.Question, h.Kind));
    }

    [Fact]
    public async Task Suggestions_while_typing_are_articles_and_answered_questions()
    {
        var suggestions = await data.Index.SuggestAsync("How do I stop the quokka sy", 5, Ct);

        Assert.NotEmpty(suggestions);
        Assert.All(suggestions, h => Assert.True(h.Kind == SearchHitKind.Article || h.AnswerCount > 0));
        Assert.Contains(suggestions, h => h.Id == data.Planted["accepted"]);
    }

    public sealed record Counts(int All, int Billing, int Answered, int Accepted, int Articles);

    public sealed class GeneratedForum : IAsyncLifetime
    {
        public const int Questions = 3000;

        private TestForum forum = default!;

        public TestForum Forum => forum;

        public ISearchIndex Index { get; private set; } = default!;
        public Dictionary<string, int> Planted { get; } = [];
        public Counts Expected { get; private set; } = default!;

        private static readonly string[] Words =
            ["router", "mesh", "camera", "battery", "firmware", "update", "app", "login", "password", "invoice", "refund", "signal",
             "reboot", "pairing", "bluetooth", "schedule", "sensor", "motion", "alert", "cloud", "storage", "video", "night", "mode"];

        public async ValueTask InitializeAsync()
        {
            forum = await TestForum.CreateAsync();
            Index = forum.SearchIndex();
            var author = await forum.MemberAsync();
            var now = forum.Time.GetUtcNow().UtcDateTime;
            var random = new Random(9);
            await using var db = forum.Db();
            var tags = await db.Tags.ToDictionaryAsync(t => t.Name, Ct);
            int billing = 0, answered = 0, accepted = 0;
            var generated = new List<(Question Question, bool Accept)>();
            for (var n = 0; n < Questions; n++)
            {
                string Sentence(int length) => string.Join(' ', Enumerable.Range(0, length).Select(_ => Words[random.Next(Words.Length)]));
                var tag = TestForum.TagNames[n % TestForum.TagNames.Count];
                var question = NewQuestion(author.UserId, $"The device {Sentence(5)}", $"My device: {Sentence(30)}.", now.AddDays(-random.Next(700)), tags[tag]);
                question.Score = random.Next(-2, 15);
                var answers = random.Next(3);
                for (var a = 0; a < answers; a++)
                    question.Answers.Add(NewAnswer(author.UserId, $"Try this: {Sentence(25)}.", question.CreatedAt.AddHours(a + 1)));
                question.AnswerCount = answers;
                var accept = answers > 0 && random.Next(3) == 0;
                billing += tag == "billing" ? 1 : 0;
                answered += answers > 0 ? 1 : 0;
                accepted += accept ? 1 : 0;
                generated.Add((question, accept));
            }
            db.Questions.AddRange(generated.Select(g => g.Question));

            var titled = Plant(db, author.UserId, "title", "Zebracam will not connect", "It never shows up in the list.", now, tags["setup"]);
            var bodied = Plant(db, author.UserId, "body", "Camera will not connect", "The zebracam model never shows up in the list.", now, tags["setup"]);
            var plain = Plant(db, author.UserId, "plain", "Quokka sync fails overnight", "The quokka sync stops at night.", now, tags["billing"]);
            var best = Plant(db, author.UserId, "accepted", "Quokka sync fails overnight", "The quokka sync stops at night.", now, tags["billing"]);
            best.Score = 12;
            best.Answers.Add(NewAnswer(author.UserId, "Turn off battery saver for the companion app.", now));
            best.AnswerCount = 1;
            Plant(db, author.UserId, "old", "Wombat pairing keeps failing", "Pairing drops halfway.", now.AddDays(-700), tags["router"]);
            Plant(db, author.UserId, "new", "Wombat pairing keeps failing", "Pairing drops halfway.", now.AddDays(-1), tags["router"]);
            Plant(db, author.UserId, "phrase", "Hub shows an amber light", "Steady colour.", now, tags["router"]);
            Plant(db, author.UserId, "reversed", "Light turns amber on the hub", "Steady colour.", now, tags["router"]);
            var deleted = Plant(db, author.UserId, "deleted", "Platypus adapter overheats", "It gets hot.", now, tags["router"]);
            deleted.DeletedAt = now;
            await db.SaveChangesAsync(Ct);
            Resolve();

            foreach (var (question, _) in generated.Where(g => g.Accept))
                question.AcceptedAnswerId = question.Answers[0].Id;
            best.AcceptedAnswerId = best.Answers[0].Id;
            await db.SaveChangesAsync(Ct);

            // Published articles mentioning "device", and drafts that must stay out.
            for (var n = 0; n < 20; n++)
                await SearchIndexSyncTests.AddArticleAsync(forum, generated[n].Question.Id, $"Device guide {n}", "A device problem.", "The device fix.",
                    n < 15 ? ArticleStatus.Published : ArticleStatus.Draft, n % 2 == 0 ? "billing" : "setup");
            var billingArticles = Enumerable.Range(0, 15).Count(n => n % 2 == 0);
            Expected = new Counts(Questions + 15, billing + billingArticles, answered + 15, accepted + 15, 15);
        }

        private Question Plant(CommunityDbContext db, string authorId, string key, string title, string body, DateTime at, Tag tag)
        {
            var question = NewQuestion(authorId, title, body, at, tag);
            db.Questions.Add(question);
            planting.Add((key, question));
            return question;
        }

        private readonly List<(string Key, Question Question)> planting = [];

        private static Question NewQuestion(string authorId, string title, string body, DateTime at, Tag tag) => new()
        {
            AuthorId = authorId, Title = title, Body = body, BodyHtml = $"<p>{body}</p>", CreatedAt = at, LastActivityAt = at, Tags = [tag],
        };

        private static Answer NewAnswer(string authorId, string body, DateTime at) => new()
        {
            AuthorId = authorId, Body = body, BodyHtml = $"<p>{body}</p>", CreatedAt = at,
        };

        public async ValueTask DisposeAsync()
        {
            await forum.DisposeAsync();
        }

        // Ids exist only after the save.
        internal void Resolve()
        {
            foreach (var (key, question) in planting)
                Planted[key] = question.Id;
        }
    }
}
