using Community.Domain.Posting;

namespace Community.Domain.Escalations;

/// <summary>Deadlines, pauses and overdue escalations: pure arithmetic on times, tested with a fake clock.</summary>
public static class EscalationRules
{
    public const int NoteMaxLength = EscalationNote.BodyMaxLength;

    public static DateTime DueAt(DateTime openedAt, EscalationPriority priority, StaffTeam team) => openedAt + team.DeadlineFor(priority);

    /// <summary>Time before the deadline (negative when overdue); frozen while paused for the asker.</summary>
    public static TimeSpan TimeLeft(Escalation escalation, DateTime now) =>
        escalation.DueAt - (escalation.PausedAt ?? escalation.ResolvedAt ?? now);

    public static bool IsOverdue(Escalation escalation, DateTime now) =>
        escalation.IsOpen && escalation.PausedAt is null && now > escalation.DueAt;

    public static EscalationPriority Raised(EscalationPriority priority) =>
        priority == EscalationPriority.Urgent ? priority : priority + 1;

    /// <summary>
    /// The first time an escalation is found past its deadline its priority goes up one step, once: the breach is kept
    /// (it stays overdue on the desk and in the metrics) and a second sweep changes nothing.
    /// </summary>
    public static bool RaiseIfOverdue(Escalation escalation, DateTime now)
    {
        if (!IsOverdue(escalation, now) || escalation.BreachedAt is not null)
            return false;
        escalation.BreachedAt = now;
        escalation.Priority = Raised(escalation.Priority);
        return true;
    }

    /// <summary>Waiting for the asker stops the clock; the wait is added to the deadline when it resumes.</summary>
    public static void Pause(Escalation escalation, DateTime now) => escalation.PausedAt ??= now;

    public static void Resume(Escalation escalation, DateTime now)
    {
        if (escalation.PausedAt is not { } paused)
            return;
        if (now > paused)
            escalation.DueAt += now - paused;
        escalation.PausedAt = null;
    }

    /// <summary>Moderators and staff escalate (moderators pass the thread on; they do not work the desk).</summary>
    public static Decision CanEscalate(Actor actor) =>
        actor.IsModerator ? Decision.Allow : Decision.Deny("Only moderators and staff can escalate a question to staff.");

    public static Decision CanWorkDesk(bool isStaff) =>
        isStaff ? Decision.Allow : Decision.Deny("Only staff can work on escalations.");

    public static string? NoteProblem(string? note)
    {
        var length = (note ?? "").Trim().Length;
        return length > NoteMaxLength ? $"Keep the note to {NoteMaxLength:N0} characters; it has {length:N0}." : null;
    }

    /// <summary>The publicly shown reference a state needs: a bug reference, or the version with the fix.</summary>
    public static string? StateProblem(ResolutionState state, string? reference)
    {
        var trimmed = (reference ?? "").Trim();
        if (trimmed.Length > Escalation.ReferenceMaxLength) return $"Keep the reference to {Escalation.ReferenceMaxLength} characters.";
        return state switch
        {
            ResolutionState.ConfirmedBug when trimmed.Length == 0 => "Give the bug's reference (such as BUG-1234) so the asker can follow it.",
            ResolutionState.FixedInVersion when trimmed.Length == 0 => "Give the version that has the fix (such as 4.3.0).",
            ResolutionState.None => "Choose a state.",
            _ => null,
        };
    }

    public static string Describe(ResolutionState state, string? reference) => state switch
    {
        ResolutionState.NeedsMoreInformation => "Needs more information from the asker",
        ResolutionState.WorkaroundAvailable => "Workaround available",
        ResolutionState.ConfirmedBug => $"Confirmed bug ({reference})",
        ResolutionState.FixedInVersion => $"Fixed in version {reference}",
        ResolutionState.Resolved => "Resolved",
        _ => "",
    };

    public static string Describe(EscalationPriority priority) => priority.ToString();
}
