namespace Community.Domain.Posting;

/// <summary>A rule's answer: allowed, or refused with a reason a person can act on.</summary>
public sealed record Decision(bool Allowed, string? Reason)
{
    public static readonly Decision Allow = new(true, null);
    public static Decision Deny(string reason) => new(false, reason);
}
