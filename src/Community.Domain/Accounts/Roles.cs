namespace Community.Domain.Accounts;

public static class Roles
{
    public const string Member = nameof(Member);
    public const string Moderator = nameof(Moderator);
    public const string Staff = nameof(Staff);
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyList<string> All = [Member, Moderator, Staff, Admin];
}
