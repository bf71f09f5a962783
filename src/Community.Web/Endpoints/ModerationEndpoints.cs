using Community.Domain.Accounts;
using Community.Domain.Moderation;
using Community.Domain.Posting;
using Community.Domain.Questions;
using Community.Web.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Endpoints;

/// <summary>
/// Moderation's writes as plain form posts (flag, handle flags, warn and suspend, the watch list), so they work without a
/// circuit. Each is authorized by a policy here and checked again in the domain; antiforgery is validated for every form.
/// </summary>
public static class ModerationEndpoints
{
    public static IEndpointRouteBuilder MapModerationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var members = endpoints.MapGroup("").RequireAuthorization().RequireRateLimiting(CommunityApp.WritesRateLimit);

        members.MapPost("/posts/{id:int}/flag", async (int id, [FromForm] FlagReason reason, [FromForm] string? note, [FromForm] string? returnUrl, HttpContext http, RaiseFlag flags) =>
            PostEndpoints.Back(http, returnUrl, await flags.ExecuteAsync(http.ToActor()!, new RaiseFlagCommand(FlagTarget.Post(id), reason, note)), Thanks));

        members.MapPost("/comments/{id:int}/flag", async (int id, [FromForm] FlagReason reason, [FromForm] string? note, [FromForm] string? returnUrl, HttpContext http, RaiseFlag flags) =>
            PostEndpoints.Back(http, returnUrl, await flags.ExecuteAsync(http.ToActor()!, new RaiseFlagCommand(FlagTarget.Comment(id), reason, note)), Thanks));

        var reviewers = endpoints.MapGroup("/moderation").RequireAuthorization(PrivilegePolicies.AccessReviewQueues).RequireRateLimiting(CommunityApp.WritesRateLimit);
        // A form bound to a class is beyond the request delegate generator: this one endpoint is made at start-up.
#pragma warning disable RDG003
        reviewers.MapPost("/handle", async ([FromForm] HandleForm form, HttpContext http, HandleFlags handle) =>
        {
            var result = await handle.ExecuteAsync(http.ToActor()!, form.ToCommand());
            if (result.Succeeded && result.Value!.EditUrl is { } edit)
            {
                Flash.Set(http, result.Value.Message + " Edit the post now.", isError: false);
                return Results.LocalRedirect("/" + edit);
            }
            return PostEndpoints.Back(http, "/moderation", result, handled => handled.Message);
        });
#pragma warning restore RDG003

        var moderators = endpoints.MapGroup("/moderation").RequireAuthorization(Policies.Moderation).RequireRateLimiting(CommunityApp.WritesRateLimit);
        moderators.MapPost("/members/{userId}/sanction", async (string userId, [FromForm] SanctionKind kind, [FromForm] int? days, [FromForm] string? reason, HttpContext http, SanctionMember sanctions) =>
            PostEndpoints.Back(http, $"/moderation/members/{Uri.EscapeDataString(userId)}", await sanctions.ExecuteAsync(http.ToActor()!, new SanctionCommand(userId, kind, reason ?? "", days)),
                _ => kind == SanctionKind.Suspension ? $"The member is suspended for {days} days; they were told why." : "The member was warned; they were told why."));
        moderators.MapPost("/sanctions/{id:int}/lift", async (int id, [FromForm] string? returnUrl, HttpContext http, SanctionMember sanctions) =>
            PostEndpoints.Back(http, returnUrl, await sanctions.LiftAsync(http.ToActor()!, id), _ => "The suspension was lifted."));

        var admins = endpoints.MapGroup("/moderation/watch-list").RequireAuthorization(Policies.Admin).RequireRateLimiting(CommunityApp.WritesRateLimit);
        admins.MapPost("", async ([FromForm] string? phrase, [FromForm] WatchAction action, HttpContext http, WatchList list) =>
            PostEndpoints.Back(http, "/moderation/watch-list", await list.AddAsync(http.ToActor()!, http.User.IsInRole(Roles.Admin), phrase, action), _ => $"“{phrase?.Trim()}” is on the watch list."));
        admins.MapPost("/{id:int}/remove", async (int id, HttpContext http, WatchList list) =>
            PostEndpoints.Back(http, "/moderation/watch-list", await list.RemoveAsync(http.ToActor()!, http.User.IsInRole(Roles.Admin), id), _ => "The term was removed from the watch list."));
        return endpoints;
    }

    private static string Thanks(FlagRaised raised) => raised.Held
        ? "Thanks: your flag was recorded, and with the others it hid the post until a moderator reviews it."
        : "Thanks: a moderator will review your flag. You will find the outcome under My flags.";

    /// <summary>The queue's form: which flags the moderator saw, and what they decided.</summary>
    public sealed class HandleForm
    {
        public int? PostId { get; set; }
        public int? CommentId { get; set; }
        public string? Seen { get; set; }
        public FlagDecision Decision { get; set; }
        public PostAction Action { get; set; }
        public CloseReason? CloseReason { get; set; }
        public string? Sanction { get; set; }
        public int? Days { get; set; }
        public string? SanctionReason { get; set; }

        public HandleFlagsCommand ToCommand() => new(
            new FlagTarget(PostId, CommentId),
            (Seen ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.TryParse(s, out var id) ? id : -1).ToList(),
            Decision, Action, CloseReason,
            Enum.TryParse<SanctionKind>(Sanction, out var kind) ? kind : null,
            Days, SanctionReason);
    }
}
