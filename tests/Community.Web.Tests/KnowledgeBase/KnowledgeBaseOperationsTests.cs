using System.Net;
using Community.Domain.KnowledgeBase;
using Community.Web.Jobs;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;
using Community.Web.Tests.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.KnowledgeBase;

/// <summary>The outbox page for admins, its retry, and the jobs in the Hangfire dashboard.</summary>
public sealed class KnowledgeBaseOperationsTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAdminSeesAFailedEntryWithItsErrorAndRetriesIt()
    {
        var (questionId, _, _) = await factory.ResolvedThreadAsync("Outbox retry");
        await factory.FeedAsync(questionId);
        // An entry the feed gave up on, written with SQL so that no job is enqueued for it: only the admin's retry runs it.
        // Its id is far from the small ids other hosts in this test process use (Hangfire's storage is process-wide).
        var entryId = 1_000_000L + Random.Shared.Next(1_000_000);
        await factory.QueryAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"""INSERT INTO "KbOutbox" ("Id", "QuestionId", "Kind", "CreatedAt", "Attempts", "LastError") VALUES ({entryId}, {questionId}, 'Edited', {DateTime.UtcNow}, 10, 'SqliteException: database is locked')""", Ct));
        var admin = await factory.SignedInClientAsync(StaffSite.Admin);

        var page = await admin.GetDocumentAsync("/admin/kb-outbox?status=failed");
        var row = page.QuerySelectorAll("table.kb-outbox tbody tr").Single(r => r.QuerySelector("td")!.TextContent == entryId.ToString());
        Assert.Equal("Failed", row.QuerySelector(".kb-outbox-status")!.TextContent);
        Assert.Equal("SqliteException: database is locked", row.QuerySelector(".kb-outbox-error")!.TextContent);

        var retried = await admin.PostFormAsync("/admin/kb-outbox?status=failed", page, QuestionForms.Action($"admin/kb-outbox/{entryId}/retry"));

        Assert.Equal($"Outbox entry {entryId} is queued again.", QuestionForms.Flash(await admin.FollowAsync(retried))!.TextContent);
        await factory.Services.GetRequiredService<KnowledgeBaseFeedJob>().RunAsync(entryId, Ct);
        var entry = await factory.QueryAsync(db => db.KnowledgeBaseOutbox.SingleAsync(e => e.Id == entryId, Ct));
        Assert.NotNull(entry.DoneAt);
        Assert.Null(entry.LastError);
        Assert.Contains(await factory.QueryAsync(db => db.AuditEntries.Select(e => e.Action).ToListAsync(Ct)), a => a == KnowledgeBaseAudit.OutboxRetried);
    }

    [Theory]
    [InlineData(Demo.Staff)]
    [InlineData(Demo.Customer)]
    public async Task OnlyAdminsSeeTheOutbox(string email)
    {
        var response = await (await factory.SignedInClientAsync(email)).GetAsync("/admin/kb-outbox", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task TheDashboardListsTheSweepAsARecurringJob()
    {
        var admin = await factory.SignedInClientAsync(StaffSite.Admin);

        var recurring = await admin.GetStringAsync("/hangfire/recurring", Ct);

        Assert.Contains(RecurringJobs.KnowledgeBaseSweep, recurring);
        Assert.Contains("Knowledge base: sweep the outbox", recurring);
    }
}
