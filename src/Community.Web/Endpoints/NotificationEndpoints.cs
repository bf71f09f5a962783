using Community.Domain.Notifications;
using Community.Web.Accounts;
using Community.Web.Notifications;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Endpoints;

/// <summary>Following, e-mail choices and unsubscribing, as plain form posts that work without a circuit.</summary>
public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var members = endpoints.MapGroup("").RequireAuthorization().RequireRateLimiting(CommunityApp.WritesRateLimit);

        members.MapPost("/questions/{id:int}/follow", async (int id, [FromForm] bool follow, [FromForm] string? returnUrl, HttpContext http, Following following) =>
            PostEndpoints.Back(http, returnUrl, await following.FollowQuestionAsync(http.ToActor()!, id, follow),
                now => now ? "You follow this question: you will hear of its answers and comments." : "You no longer follow this question."));

        members.MapPost("/tags/{name}/follow", async (string name, [FromForm] bool follow, [FromForm] string? returnUrl, HttpContext http, Following following) =>
            PostEndpoints.Back(http, returnUrl, await following.FollowTagAsync(http.ToActor()!, name, follow),
                now => now ? $"You follow [{name}]: you will hear of its new questions." : $"You no longer follow [{name}]."));

        members.MapPost("/notifications/{id:long}/read", async (long id, [FromForm] string? returnUrl, HttpContext http, Community.Domain.Notices.MemberNotices notices) =>
        {
            await notices.MarkReadAsync(http.ToActor()!.UserId, id);
            return Results.LocalRedirect(PostEndpoints.IsLocal(returnUrl) ? returnUrl! : "/notifications");
        });

        members.MapPost("/notifications/settings/email", async (HttpContext http, EmailChoices choices) =>
        {
            var form = await http.Request.ReadFormAsync();
            var chosen = new Dictionary<NotificationKind, EmailDelivery>();
            foreach (var kind in NotificationKinds.Choosable)
                if (Enum.TryParse<EmailDelivery>(form[$"delivery.{kind}"], out var delivery))
                    chosen[kind] = delivery;
            await choices.SetAsync(http.ToActor()!.UserId, chosen);
            Flash.Set(http, "Your e-mail choices were saved.", isError: false);
            return Results.LocalRedirect("/notifications/settings");
        });

        // From the unsubscribe page (a form with antiforgery), without signing in: the token says who.
        endpoints.MapPost("/email/unsubscribe", async ([FromForm] string? token, UnsubscribeTokens tokens, EmailChoices choices) =>
            await UnsubscribeAsync(token, tokens, choices)
                ? Results.LocalRedirect("/email/unsubscribe?done=1")
                : Results.LocalRedirect("/email/unsubscribe?invalid=1"))
            .RequireRateLimiting(CommunityApp.WritesRateLimit);

        // RFC 8058 one-click: the mail client posts "List-Unsubscribe=One-Click" with no page and no antiforgery token; the
        // protected token is the proof.
        endpoints.MapPost("/email/unsubscribe/one-click", async ([FromQuery] string? token, UnsubscribeTokens tokens, EmailChoices choices) =>
            await UnsubscribeAsync(token, tokens, choices) ? Results.Ok("Unsubscribed.") : Results.BadRequest("This unsubscribe link is not valid."))
            .DisableAntiforgery()
            .RequireRateLimiting(CommunityApp.WritesRateLimit);

        return endpoints;
    }

    private static async Task<bool> UnsubscribeAsync(string? token, UnsubscribeTokens tokens, EmailChoices choices) =>
        tokens.Read(token) is { } who && await choices.UnsubscribeAsync(who.UserId, who.Kind);
}
