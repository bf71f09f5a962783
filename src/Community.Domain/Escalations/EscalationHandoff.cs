using Community.Domain.Moderation;

namespace Community.Domain.Escalations;

/// <summary>
/// An accepted "needs staff attention" flag becomes an escalation to the default team, with the flaggers' notes as its
/// internal note. Safe to call twice: a question has at most one open escalation, and a second call returns it.
/// </summary>
public sealed class EscalationHandoff(EscalateQuestion escalate) : IStaffAttentionHandoff
{
    public async Task HandOffAsync(StaffAttentionRequest request, CancellationToken cancellationToken = default)
    {
        var what = request.CommentId is { } comment ? $"comment {comment}" : request.PostId is { } post ? $"post {post}" : "the thread";
        var notes = request.FlagNotes.Count == 0 ? "" : ": " + string.Join(" / ", request.FlagNotes);
        var note = $"A moderator accepted a \"needs staff attention\" flag on {what}{notes}";
        if (note.Length > EscalationNote.BodyMaxLength)
            note = note[..(EscalationNote.BodyMaxLength - 1)] + "…";
        await escalate.OpenAsync(new EscalateCommand(request.QuestionId, null, EscalationPriority.High, note), EscalationSource.Flag, request.ActorId, cancellationToken);
    }
}
