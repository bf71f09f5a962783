namespace Community.Domain.Badges;

public enum BadgeLevel
{
    Bronze = 1,
    Silver = 2,
    Gold = 3,
}
