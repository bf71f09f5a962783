namespace Community.Domain.Moderation;

/// <param name="QuestionId">The thread the flagged text is in.</param>
/// <param name="PostId">The flagged question or answer; null when a comment was flagged.</param>
/// <param name="CommentId">The flagged comment, if it was one.</param>
/// <param name="FlagNotes">What the flaggers wrote, oldest first.</param>
/// <param name="ActorId">The moderator who accepted the flags.</param>
public sealed record StaffAttentionRequest(int QuestionId, int? PostId, int? CommentId, IReadOnlyList<string> FlagNotes, string ActorId);

/// <summary>
/// Where an accepted "needs staff attention" flag goes. Moderation calls this after the acceptance committed, with plain
/// values (no entities, no context), so another feature can own what happens next. The default does nothing; the
/// escalations feature registers the real one (creating an escalation for staff) with <c>services.AddSingleton</c>,
/// which wins over this default's <c>TryAddSingleton</c>. Implementations must be safe to call twice for the same flags.
/// </summary>
public interface IStaffAttentionHandoff
{
    Task HandOffAsync(StaffAttentionRequest request, CancellationToken cancellationToken = default);
}

/// <summary>The default until escalations exist: the accepted flag is recorded in the audit log and goes nowhere else.</summary>
public sealed class NoStaffAttentionHandoff : IStaffAttentionHandoff
{
    public Task HandOffAsync(StaffAttentionRequest request, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
