namespace Community.Domain.Badges;

/// <summary>
/// One badge, as data: earned when the member's measure of <see cref="Rule"/> reaches <see cref="Threshold"/>
/// (and, for tag badges, with at least <see cref="MinimumAnswers"/> answers). <see cref="Id"/> is stored in awards:
/// never change or reuse one.
/// </summary>
public sealed record Badge(int Id, string Slug, string Name, BadgeLevel Level, BadgeRule Rule, int Threshold, BadgeRepeat Repeat, string Description)
{
    public int MinimumAnswers { get; init; }

    public bool IsTagBadge => Rule == BadgeRule.TagAnswerScore;

    public string LevelName => Level.ToString().ToLowerInvariant();
}
