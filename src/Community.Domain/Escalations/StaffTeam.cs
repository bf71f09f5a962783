namespace Community.Domain.Escalations;

/// <summary>
/// A team of staff that takes escalations, with a response deadline per priority. Admins configure teams; exactly one
/// is the default, which receives escalations nobody routed (accepted flags, the response clock).
/// </summary>
public sealed class StaffTeam
{
    public const int NameMaxLength = 60;

    public int Id { get; set; }
    public string Name { get; set; } = "";

    public int UrgentMinutes { get; set; } = 60;
    public int HighMinutes { get; set; } = 4 * 60;
    public int NormalMinutes { get; set; } = 24 * 60;

    public bool IsDefault { get; set; }

    public List<StaffTeamMember> Members { get; set; } = [];

    public TimeSpan DeadlineFor(EscalationPriority priority) => TimeSpan.FromMinutes(priority switch
    {
        EscalationPriority.Urgent => UrgentMinutes,
        EscalationPriority.High => HighMinutes,
        _ => NormalMinutes,
    });
}

/// <summary>A staff member's place on a team (a person may be on several).</summary>
public sealed class StaffTeamMember
{
    public int TeamId { get; set; }
    public string UserId { get; set; } = "";
    public DateTime AddedAt { get; set; }
}
