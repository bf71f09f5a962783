using Community.Domain.Escalations;
using Community.Domain.Posting;
using Community.Web.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Endpoints;

/// <summary>
/// The escalation forms as plain posts (work without a circuit): escalate, the desk's actions, private follow-ups,
/// satisfaction, staff teams and the invitation opt-in. Each checks on the server in its domain service; desk and team
/// routes also need the Staff or Admin policy. Antiforgery is validated for every form post.
/// </summary>
public static class EscalationEndpoints
{
    public static IEndpointRouteBuilder MapEscalationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var members = endpoints.MapGroup("").RequireAuthorization().RequireRateLimiting(CommunityApp.WritesRateLimit);
        // Private follow-ups answer 404 to anyone who may not see them, signed in or not (no sign-in redirect that confirms they exist).
        var participants = endpoints.MapGroup("").RequireRateLimiting(CommunityApp.WritesRateLimit);
        var staff = endpoints.MapGroup("/staff/desk").RequireAuthorization(Policies.Staff).RequireRateLimiting(CommunityApp.WritesRateLimit);
        var admin = endpoints.MapGroup("/admin/teams").RequireAuthorization(Policies.Admin).RequireRateLimiting(CommunityApp.WritesRateLimit);

        members.MapPost("/questions/{id:int}/escalate", async (int id, [FromForm] int? teamId, [FromForm] EscalationPriority? priority, [FromForm] string? note,
                [FromForm] string? returnUrl, HttpContext http, EscalateQuestion escalate) =>
            PostEndpoints.Back(http, returnUrl, await escalate.ExecuteAsync(http.ToActor()!, new EscalateCommand(id, teamId, priority ?? EscalationPriority.Normal, note)),
                _ => "Escalated to staff. The thread now shows that staff are looking into it."));

        participants.MapPost("/questions/{id:int}/follow-up", async (int id, HttpContext http, PrivateFollowUps followUps) =>
        {
            if (http.ToActor() is not { } actor)
                return Results.NotFound();
            var result = await followUps.OpenAsync(actor, id);
            if (result.Succeeded)
                return Results.LocalRedirect($"/private/{result.Value}");
            return result.Failure == WriteFailure.NotFound ? Results.NotFound() : PostEndpoints.Back(http, $"/questions/{id}", result, _ => "");
        });

        participants.MapPost("/private/{id:int}/messages", async (int id, [FromForm] string? body, [FromForm] string? clientToken, HttpContext http, PrivateFollowUps followUps) =>
        {
            if (http.ToActor() is not { } actor)
                return Results.NotFound();
            var result = await followUps.PostAsync(actor, id, body, clientToken);
            // Not a participant: the conversation does not exist for them.
            return result.Failure == WriteFailure.NotFound ? Results.NotFound() : PostEndpoints.Back(http, $"/private/{id}#messages", result, _ => "Your message was sent.");
        });

        members.MapPost("/escalations/{id:int}/rate", async (int id, [FromForm] int? rating, [FromForm] string? comment, [FromForm] string? returnUrl, HttpContext http, RateEscalation rate) =>
            PostEndpoints.Back(http, returnUrl, await rate.ExecuteAsync(http.ToActor()!, new RateCommand(id, rating ?? 0, comment)), _ => "Thank you: your rating was saved."));

        members.MapPost("/settings/invitations", async ([FromForm] bool? optIn, HttpContext http, InvitationSettings settings) =>
        {
            await settings.SetAsync(http.ToActor()!.UserId, optIn == true);
            Flash.Set(http, optIn == true ? "You will be invited to unanswered questions in your tags (at most a few a week)." : "You will not be invited to questions.", isError: false);
            return Results.LocalRedirect("/settings/invitations");
        });

        staff.MapPost("/{id:int}/claim", async (int id, HttpContext http, WorkOnEscalation work) =>
            PostEndpoints.Back(http, $"/staff/desk/{id}", await work.ClaimAsync(http.ToActor()!, id), _ => "You claimed this escalation."));
        staff.MapPost("/{id:int}/assign", async (int id, [FromForm] string? assigneeId, HttpContext http, WorkOnEscalation work) =>
            PostEndpoints.Back(http, $"/staff/desk/{id}", await work.AssignAsync(http.ToActor()!, id, assigneeId ?? ""), _ => "Assigned."));
        staff.MapPost("/{id:int}/acknowledge", async (int id, HttpContext http, WorkOnEscalation work) =>
            PostEndpoints.Back(http, $"/staff/desk/{id}", await work.AcknowledgeAsync(http.ToActor()!, id), _ => "Acknowledged: the thread shows that staff are looking into it."));
        staff.MapPost("/{id:int}/notes", async (int id, [FromForm] string? note, HttpContext http, WorkOnEscalation work) =>
            PostEndpoints.Back(http, $"/staff/desk/{id}", await work.AddNoteAsync(http.ToActor()!, id, note ?? ""), _ => "Note added."));
        staff.MapPost("/{id:int}/state", async (int id, [FromForm] ResolutionState? state, [FromForm] string? reference, HttpContext http, WorkOnEscalation work) =>
            PostEndpoints.Back(http, $"/staff/desk/{id}", await work.SetStateAsync(http.ToActor()!, id, state ?? ResolutionState.None, reference), _ => "The public state was updated."));
        staff.MapPost("/{id:int}/resolve", async (int id, [FromForm] ResolutionState? state, [FromForm] string? reference, [FromForm] string? summary,
                [FromForm] string? clientToken, [FromForm] bool? confirmNotPersonal, HttpContext http, ResolveEscalation resolve) =>
            PostEndpoints.Back(http, $"/staff/desk/{id}", await resolve.ExecuteAsync(http.ToActor()!, new ResolveCommand(id, state ?? ResolutionState.Resolved, reference,
                summary?.ReplaceLineEndings("\n"), clientToken, confirmNotPersonal == true)), _ => "Resolved. The asker is asked how satisfied they are."));

        admin.MapPost("", async ([FromForm] int? id, [FromForm] string? name, [FromForm] int? urgentMinutes, [FromForm] int? highMinutes, [FromForm] int? normalMinutes,
                [FromForm] bool? isDefault, HttpContext http, ManageTeams teams) =>
            PostEndpoints.Back(http, "/admin/teams", await teams.SaveAsync(http.ToActor()!, new TeamInput(id, name ?? "", urgentMinutes ?? 0, highMinutes ?? 0, normalMinutes ?? 0, isDefault == true)),
                _ => "The team was saved."));
        admin.MapPost("/{id:int}/members", async (int id, [FromForm] string? member, HttpContext http, ManageTeams teams) =>
            PostEndpoints.Back(http, "/admin/teams", await teams.AddMemberAsync(http.ToActor()!, id, member ?? ""), _ => "Added to the team."));
        admin.MapPost("/{id:int}/members/remove", async (int id, [FromForm] string? userId, HttpContext http, ManageTeams teams) =>
            PostEndpoints.Back(http, "/admin/teams", await teams.RemoveMemberAsync(http.ToActor()!, id, userId ?? ""), _ => "Removed from the team."));

        return endpoints;
    }
}
