using Community.Domain.Comments;
using Community.Domain.Posting;
using Community.Domain.Questions;
using Community.Domain.Revisions;
using Community.Domain.Staff;
using Community.Domain.Voting;
using Community.Web.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Endpoints;

/// <summary>
/// The small writes on a question page as plain form posts (vote, accept, comment, delete, close, review), so they
/// work without a circuit. Antiforgery is validated for every form post; each answers with a redirect back.
/// </summary>
public static class PostEndpoints
{
    public static IEndpointRouteBuilder MapPostEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var posts = endpoints.MapGroup("").RequireAuthorization().RequireRateLimiting(CommunityApp.WritesRateLimit);

        posts.MapPost("/posts/{id:int}/vote", async (int id, [FromForm] int value, [FromForm] string? returnUrl, HttpContext http, CastVote vote) =>
        {
            var result = await vote.ExecuteAsync(http.ToActor()!, id, value);
            // wwwroot/js/votes.js sends the same form with fetch and asks for the outcome, to show it without a page load.
            return WantsJson(http)
                ? Results.Json(result.Succeeded
                        ? new VoteReply(true, result.Value, value, value == 0 ? "Your vote was removed." : "Your vote was counted.")
                        : new VoteReply(false, null, null, result.Message ?? "The vote was not counted."),
                    statusCode: result.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity)
                : Back(http, returnUrl, result, _ => value == 0 ? "Your vote was removed." : "Your vote was counted.");
        });

        posts.MapPost("/answers/{id:int}/accept", async (int id, [FromForm] string? returnUrl, HttpContext http, AcceptAnswer accept) =>
            Back(http, returnUrl, await accept.AcceptAsync(http.ToActor()!, id), _ => "You accepted this answer: the question shows as resolved."));

        posts.MapPost("/questions/{id:int}/unaccept", async (int id, [FromForm] string? returnUrl, HttpContext http, AcceptAnswer accept) =>
            Back(http, returnUrl, await accept.WithdrawAsync(http.ToActor()!, id), _ => "You withdrew your acceptance."));

        posts.MapPost("/answers/{id:int}/official", async (int id, [FromForm] string? returnUrl, HttpContext http, MarkOfficialAnswer official) =>
            Back(http, returnUrl, await official.MarkAsync(http.ToActor()!, id), _ => "This is now the company's official answer, shown beside the accepted one."));

        posts.MapPost("/questions/{id:int}/unofficial", async (int id, [FromForm] string? returnUrl, HttpContext http, MarkOfficialAnswer official) =>
            Back(http, returnUrl, await official.WithdrawAsync(http.ToActor()!, id), _ => "The official mark was withdrawn."));

        posts.MapPost("/posts/{id:int}/comments", async (int id, [FromForm] string? body, [FromForm] string? clientToken, [FromForm] string? returnUrl, [FromForm] bool? confirmNotPersonal, HttpContext http, AddComment comment) =>
            Back(http, returnUrl, await comment.ExecuteAsync(http.ToActor()!, new AddCommentCommand(id, body ?? "", clientToken, confirmNotPersonal == true)), _ => "Your comment was added."));

        posts.MapPost("/posts/{id:int}/delete", async (int id, [FromForm] string? returnUrl, HttpContext http, DeletePost delete) =>
            Back(http, returnUrl, await delete.DeleteAsync(http.ToActor()!, id), _ => "The post was deleted. You can undelete it from the same place."));

        posts.MapPost("/posts/{id:int}/undelete", async (int id, [FromForm] string? returnUrl, HttpContext http, DeletePost delete) =>
            Back(http, returnUrl, await delete.UndeleteAsync(http.ToActor()!, id), _ => "The post was undeleted."));

        posts.MapPost("/questions/{id:int}/close", async (int id, [FromForm] CloseReason reason, [FromForm] string? duplicateOf, [FromForm] string? returnUrl, HttpContext http, CloseQuestion close) =>
            Back(http, returnUrl, await close.CloseAsync(http.ToActor()!, new CloseQuestionCommand(id, reason, int.TryParse(duplicateOf, out var original) ? original : null)), _ => "The question was closed."));

        posts.MapPost("/questions/{id:int}/reopen", async (int id, [FromForm] string? returnUrl, HttpContext http, CloseQuestion close) =>
            Back(http, returnUrl, await close.ReopenAsync(http.ToActor()!, id), _ => "The question was reopened."));

        posts.MapPost("/questions/{id:int}/close-votes", async (int id, [FromForm] CloseVoteKind kind, [FromForm] CloseReason? reason, [FromForm] string? duplicateOf, [FromForm] string? returnUrl, HttpContext http, VoteToClose votes) =>
            Back(http, returnUrl, await votes.CastAsync(http.ToActor()!, new CloseVoteCommand(id, kind, reason, int.TryParse(duplicateOf, out var original) ? original : null)), Tallied))
            .RequireAuthorization(PrivilegePolicies.VoteToClose);

        posts.MapPost("/questions/{id:int}/close-votes/retract", async (int id, [FromForm] CloseVoteKind kind, [FromForm] string? returnUrl, HttpContext http, VoteToClose votes) =>
            Back(http, returnUrl, await votes.RetractAsync(http.ToActor()!, id, kind), _ => "Your vote was taken back."));

        posts.MapPost("/suggested-edits/{id:int}/approve", async (int id, [FromForm] string? returnUrl, HttpContext http, ReviewSuggestedEdit review) =>
            Back(http, returnUrl, await review.ApproveAsync(http.ToActor()!, id), _ => "The suggested edit was approved and is now the post's latest revision."));

        posts.MapPost("/suggested-edits/{id:int}/reject", async (int id, [FromForm] string? reason, [FromForm] string? returnUrl, HttpContext http, ReviewSuggestedEdit review) =>
            Back(http, returnUrl, await review.RejectAsync(http.ToActor()!, id, reason), _ => "The suggested edit was rejected; the member sees your reason."));

        return endpoints;
    }

    private static string Tallied(CloseVoteTally tally) => (tally.Kind, tally.Decided) switch
    {
        (CloseVoteKind.Close, true) => "Your vote closed the question.",
        (CloseVoteKind.Reopen, true) => "Your vote reopened the question.",
        _ => $"Your vote was counted: {tally.Votes} of {tally.Needed} needed.",
    };

    /// <summary>Says how the write went (a flash message) and goes back where the form came from, or to <paramref name="fallback"/>.</summary>
    internal static IResult Back<T>(HttpContext http, string? returnUrl, WriteResult<T> result, Func<T, string> success, string fallback = "/")
    {
        var message = result.Succeeded
            ? success(result.Value!)
            : string.Join(" ", new[] { result.Message }.Concat(result.FieldErrors.Values).Where(m => !string.IsNullOrEmpty(m)));
        Flash.Set(http, message, isError: !result.Succeeded);
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : fallback);
    }

    /// <summary>The outcome of a vote for a script: the post's new score and the voter's vote, or why it was refused.</summary>
    public sealed record VoteReply(bool Ok, int? Score, int? MyVote, string Message);

    private static bool WantsJson(HttpContext http) =>
        http.Request.Headers.Accept.Any(accept => accept?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Only paths on this site: "/x" but not "//evil.example" or "/\evil.example".</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\'));
}
