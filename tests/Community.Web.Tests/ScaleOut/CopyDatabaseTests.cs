using System.Net;
using System.Text.RegularExpressions;
using Community.Web.ScaleOut;
using Community.Web.Tests.Infrastructure;
using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.ScaleOut;

/// <summary>The demo community copied by <c>copy-database</c>: every table counted, every public page the same on both.</summary>
public abstract partial class CopyDatabaseTests<TCommunity>(TCommunity community) where TCommunity : CopiedCommunity
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Where a visitor starts; the pages they link to are compared too.</summary>
    private static readonly string[] Entrances = ["/", "/questions", "/questions?tab=Unanswered", "/tags", "/kb", "/users", "/badges", "/search?q=firmware"];

    [Fact]
    public void TheCommandCopiesEveryTableAndEveryCountMatches()
    {
        community.Require();
        Assert.True(community.ExitCode == 0, community.CommandOutput + community.CommandError);
        Assert.Contains("every count matches", community.CommandOutput);
        foreach (var table in new[] { "AspNetUsers", "AspNetUserRoles", "Posts", "QuestionTags", "ReputationEntries", "Votes", "KbArticles", "BadgeAwards" })
        {
            var row = Regex.Match(community.CommandOutput, $@"^{table}\s+(\d+)\s+(\d+)\s*$", RegexOptions.Multiline);
            Assert.True(row.Success, $"No count for {table} in:\n{community.CommandOutput}");
            Assert.NotEqual("0", row.Groups[1].Value);
            Assert.Equal(row.Groups[1].Value, row.Groups[2].Value);
        }
    }

    [Fact]
    public async Task ThePublicPagesRenderTheSameContentOnBoth()
    {
        community.Require();
        var source = community.Source.CreateBrowserlessClient();
        var target = community.Target.CreateBrowserlessClient();
        var pages = new List<string>(Entrances);
        foreach (var entrance in Entrances)
            pages.AddRange(Links(await source.GetStringAsync(entrance, Ct)));

        var compared = 0;
        var different = new List<string>();
        foreach (var page in pages.Distinct())
        {
            var onSource = await source.GetAsync(page, Ct);
            var onTarget = await target.GetAsync(page, Ct);
            Assert.True(onSource.StatusCode == HttpStatusCode.OK, $"{page} answered {(int)onSource.StatusCode} on the source.");
            var expected = CopiedCommunity.Content(await onSource.Content.ReadAsStringAsync(Ct));
            var actual = CopiedCommunity.Content(await onTarget.Content.ReadAsStringAsync(Ct));
            if (page.StartsWith("/search", StringComparison.Ordinal))
            {
                // Each engine ranks in its own order: the same results, in any order.
                (expected, actual) = (string.Join("\n", Links(expected).Order()), string.Join("\n", Links(actual).Order()));
                Assert.NotEqual("", expected);
            }
            if (onTarget.StatusCode != HttpStatusCode.OK || expected != actual)
                different.Add($"{page} ({(int)onTarget.StatusCode}): {FirstDifference(expected, actual)}");
            compared++;
        }

        Assert.True(different.Count == 0, $"{different.Count} of {compared} pages differ:\n" + string.Join("\n", different));
        Assert.True(compared > 40, $"Only {compared} pages were compared.");
    }

    [Fact]
    public async Task ANewRowOnTheCopyTakesAnIdAfterTheCopiedOnes()
    {
        community.Require();
        var contexts = community.Target.Services.GetRequiredService<IDbContextFactory<CommunityDbContext>>();
        var largest = 0;
        var tag = new Community.Domain.Questions.Tag();
        // Inside the execution strategy, as every explicit transaction (PostgreSQL's retrying strategy refuses others).
        await contexts.RunAsync(async db =>
        {
            largest = await db.Tags.MaxAsync(t => t.Id, Ct);
            // Rolled back, so that both communities stay alike for the other tests.
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            tag = new Community.Domain.Questions.Tag { Name = $"moved-{Guid.NewGuid():N}"[..30], Description = "" };
            db.Tags.Add(tag);
            await db.SaveChangesAsync(Ct);
            await transaction.RollbackAsync(Ct);
        }, Ct);

        Assert.True(tag.Id > largest, $"A new tag took id {tag.Id}; the copied ones go up to {largest}.");
    }

    [Fact]
    public async Task ACopyIntoADatabaseThatHoldsDataIsRefused()
    {
        community.Require();
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await CopyDatabaseCommand.RunAsync(
            ["copy-database", "--from", $"Data Source={community.SourcePath}", "--to", community.TargetConnectionString, "--to-provider", community.TargetProviderName],
            output, error, Ct);

        Assert.Equal(2, exitCode);
        Assert.Contains("The target database is not empty", error.ToString());
        Assert.Contains("AspNetUsers", error.ToString());
    }

    /// <summary>Question, article, profile, tag and badge pages the page links to (relative to &lt;base href="/"&gt;).</summary>
    private static IEnumerable<string> Links(string html) =>
        LinkPattern().Matches(html).Select(match => "/" + WebUtility.HtmlDecode(match.Groups["path"].Value));

    [GeneratedRegex("href=\"/?(?<path>(questions/\\d+|kb/\\d+|users/[^\"/?#]+|tags/[^\"/?#]+|badges/\\d+)(/[^\"?#]*)?)\"")]
    private static partial Regex LinkPattern();

    private static string FirstDifference(string expected, string actual)
    {
        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
            at++;
        string Around(string text) => text.Substring(Math.Max(0, at - 80), Math.Min(200, text.Length - Math.Max(0, at - 80)));
        return $"source «{Around(expected)}» target «{Around(actual)}»";
    }
}

public sealed class CopyDatabaseToSqliteTests(CopiedToSqlite community)
    : CopyDatabaseTests<CopiedToSqlite>(community), IClassFixture<CopiedToSqlite>;

public sealed class CopyDatabaseToPostgresTests(CopiedToPostgres community)
    : CopyDatabaseTests<CopiedToPostgres>(community), IClassFixture<CopiedToPostgres>;
