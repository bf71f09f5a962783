using Community.Web.Search;
using Community.Domain.KnowledgeBase;
using Community.Domain.Search;
using Community.Domain.Posting;
using Community.Web.Accounts;
using Community.Web.Caching;
using Community.Web.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Endpoints;

/// <summary>
/// The knowledge base's form posts: "was this helpful?" (anyone, once), staff curation at /kb/review and the admin's
/// retry of an outbox entry. Plain forms, so they work without a circuit; antiforgery is validated on each; the
/// domain checks who may act, whatever the policy let through.
/// </summary>
public static class KnowledgeBaseEndpoints
{
    /// <summary>An anonymous visitor's id for "was this helpful?": random, HttpOnly, nothing else in it.</summary>

    public static IEndpointRouteBuilder MapKnowledgeBaseEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/kb/{id:int}/helpful", async (int id, [FromForm] string? helpful, [FromForm] string? returnUrl, [FromForm] string? terms, HttpContext http, RateArticle rate) =>
        {
            var result = helpful is "yes" or "no"
                ? await rate.ExecuteAsync(id, VisitorKey(http), helpful == "yes")
                : WriteResult<bool>.Fail(WriteFailure.Invalid, "Choose yes or no.");
            // "No" keeps the search words, so that the page's "ask a new question" is pre-filled with them.
            if (helpful == "no" && !string.IsNullOrWhiteSpace(terms) && PostEndpoints.IsLocal(returnUrl))
                returnUrl = returnUrl!.Split('#')[0].Split('?')[0] + "?q=" + Uri.EscapeDataString(terms.Trim()[..Math.Min(terms.Trim().Length, SearchQuery.MaxLength)]);
            return Back(http, returnUrl, result, yes => yes ? "Thank you: glad it helped." : "Thank you: we will use that to improve the article.");
        }).AllowedFromCachedPages().RequireRateLimiting(CommunityApp.WritesRateLimit);

        var staff = endpoints.MapGroup("/kb/review/{id:int}").RequireAuthorization(Policies.Staff).RequireRateLimiting(CommunityApp.WritesRateLimit);
        staff.MapPost("/publish", async (int id, [FromForm] string? returnUrl, HttpContext http, CurateArticle curate) =>
            Back(http, returnUrl, await curate.PublishAsync(http.ToActor()!, id), _ => "The article is published."));
        staff.MapPost("/unpublish", async (int id, [FromForm] string? returnUrl, HttpContext http, CurateArticle curate) =>
            Back(http, returnUrl, await curate.UnpublishAsync(http.ToActor()!, id), _ => "The article is unpublished: its address now answers 410 Gone."));
        staff.MapPost("/approve", async (int id, [FromForm] int revision, [FromForm] string? returnUrl, HttpContext http, CurateArticle curate) =>
            Back(http, returnUrl, await curate.ApproveAsync(http.ToActor()!, id, revision), _ => "The change is approved: readers see it now."));
        staff.MapPost("/merge", async (int id, [FromForm] string? into, [FromForm] string? returnUrl, HttpContext http, CurateArticle curate) =>
            Back(http, returnUrl, int.TryParse(into, out var target)
                ? await curate.MergeAsync(http.ToActor()!, id, target)
                : WriteResult<int>.Fail(WriteFailure.Invalid, "Give the number of the article to merge into (the number in its address, /kb/123/...)."),
                _ => $"The article is merged into article {into}; its address redirects there."));

        endpoints.MapPost("/admin/kb-outbox/{id:long}/retry", async (long id, [FromForm] string? returnUrl, HttpContext http, KnowledgeBaseOutboxAdmin outbox, IBackgroundJobClient jobs) =>
        {
            var result = await outbox.RetryAsync(http.ToActor()!, id);
            if (result.Succeeded)
                jobs.Enqueue<KnowledgeBaseFeedJob>(job => job.RunAsync(id, CancellationToken.None));
            return Back(http, returnUrl, result, _ => $"Outbox entry {id} is queued again.");
        }).RequireAuthorization(Policies.Admin).RequireRateLimiting(CommunityApp.WritesRateLimit);

        return endpoints;
    }

    /// <summary>The member, or the anonymous visitor's cookie (made on their first answer).</summary>
    public static string VisitorKey(HttpContext http) =>
        http.ToActor() is { } actor ? KnowledgeBaseRules.VisitorKey(actor.UserId, null) : KnowledgeBaseRules.VisitorKey(null, Visitor.Cookie(http, create: true));

    /// <summary>The key a page checks to show "you answered" (no cookie yet: nobody has answered).</summary>
    public static string? ExistingVisitorKey(HttpContext http) =>
        http.ToActor() is { } actor ? KnowledgeBaseRules.VisitorKey(actor.UserId, null)
        : Visitor.Cookie(http, create: false) is { } visitor ? KnowledgeBaseRules.VisitorKey(null, visitor)
        : null;

    private static IResult Back<T>(HttpContext http, string? returnUrl, WriteResult<T> result, Func<T, string> success) =>
        PostEndpoints.Back(http, returnUrl, result, success, fallback: "/kb");
}
