using System.Data.Common;
using Community.Domain.Search;
using Community.Domain.Tests.Persistence;
using Community.Domain.Tests.Posting;

namespace Community.Domain.Tests.Search;

/// <summary>
/// A search ranks ~1,000 candidates by what the boost reads of each question (score, answers, dates). A Posts row keeps
/// those after the wide Body/BodyHtml columns, in overflow pages: reading 1,000 rows was most of a search's SQL on the
/// 1M-post dataset (bench/README.md). They come from the covering index <see cref="SearchSchema.RankIndex"/>, and only
/// the page's own rows are read whole.
/// </summary>
public sealed class SearchQueryPlanTests
{
    private static CancellationToken Ct => TestForum.Ct;

    [Theory]
    [InlineData("beacon")]
    [InlineData("beacon amber")]
    [InlineData("beacon is:answered")]
    [InlineData("beacon is:accepted [firmware]")]
    [InlineData("[firmware]")]
    public async Task Candidates_are_ranked_from_the_covering_index_and_only_the_page_is_read_from_the_posts(string text)
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "Reads SQLite's EXPLAIN QUERY PLAN; PostgreSQL ranks from its own search table.");
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var answered = await forum.AskAsync(asker, "Beacon blinks amber after the update", "The status light blinks amber since firmware 4.2 went in.", "firmware");
        var answer = await forum.AnswerAsync(await forum.MemberAsync(), answered, "Hold the pinhole reset of the beacon for ten seconds.");
        Assert.True((await forum.Accept.AcceptAsync(asker, answer, Ct)).Succeeded);
        await forum.AskAsync(asker, "Beacon will not pair with the hub", "It never shows up amber or otherwise.", "firmware");
        var commands = new List<(string Sql, List<(string Name, object? Value)> Parameters)>();
        var index = new SqliteSearchIndex(forum.Database, forum.Time)
        {
            PageQueryExecuting = command => commands.Add((command.CommandText,
                command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList())),
        };

        var results = await index.SearchAsync(new SearchRequest(SearchQuery.Parse(text)), Ct);

        Assert.Contains(answered, results.Hits.Select(h => h.Id));
        var (sql, parameters) = Assert.Single(commands);
        var plan = await QueryPlans.PlanAsync(forum.Database.ConnectionString, sql, parameters);
        var shown = $"\n{string.Join('\n', plan)}\nof\n{sql}";
        Assert.True(plan.Any(line => line.StartsWith($"SEARCH q USING COVERING INDEX {SearchSchema.RankIndex} ", StringComparison.Ordinal)), "No covering read in" + shown);
        // The page's rows (author, staff disclosure): the one read of whole Posts rows, after the ranking.
        Assert.True(plan.Count(line => line.StartsWith("SEARCH q USING INTEGER PRIMARY KEY", StringComparison.Ordinal)) == 1, "Posts rows read whole more than once in" + shown);
        Assert.False(plan.Any(line => line.StartsWith("SCAN q", StringComparison.Ordinal)), "A scan of Posts in" + shown);
    }
}
