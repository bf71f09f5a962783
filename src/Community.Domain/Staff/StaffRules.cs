using Community.Domain.Posting;

namespace Community.Domain.Staff;

public sealed record StaffDisclosureInput(string RealName, string JobTitle, string Team, string? PhotoUrl, string? Bio);

/// <summary>Checks a disclosure: every field a reader relies on is required; a photo only from http(s).</summary>
public static class StaffRules
{
    public static IReadOnlyDictionary<string, string> Problems(StaffDisclosureInput input)
    {
        var problems = new Dictionary<string, string>();
        Require(problems, "RealName", input.RealName, StaffProfile.NameMaxLength, "the person's real name, shown on every post");
        Require(problems, "JobTitle", input.JobTitle, StaffProfile.TitleMaxLength, "the job title, shown on every post");
        Require(problems, "Team", input.Team, StaffProfile.TeamMaxLength, "the team, such as Billing or Technical support");
        if (PhotoProblem(input.PhotoUrl) is { } photo) problems["PhotoUrl"] = photo;
        if ((input.Bio?.Length ?? 0) > StaffProfile.BioMaxLength) problems["Bio"] = $"Keep the bio to {StaffProfile.BioMaxLength:N0} characters.";
        return problems;
    }

    public static string? PhotoProblem(string? url) =>
        string.IsNullOrWhiteSpace(url) || Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? null
            : "The photo must be an http(s) address of an image, or empty.";

    public static Decision CanManageStaff(Actor actor, bool actorIsAdmin) =>
        actorIsAdmin ? Decision.Allow : Decision.Deny("Only admins can grant, change or revoke staff disclosures.");

    public static Decision CanMarkOfficial(bool actorIsStaff) =>
        actorIsStaff ? Decision.Allow : Decision.Deny("Only staff can mark an answer as the company's official answer.");

    private static void Require(Dictionary<string, string> problems, string field, string? value, int max, string what)
    {
        var length = value?.Trim().Length ?? 0;
        if (length == 0) problems[field] = $"Fill in {what}.";
        else if (length > max) problems[field] = $"Keep it to {max} characters.";
    }
}
