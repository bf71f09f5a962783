using Community.Domain.Escalations;
using Community.Domain.Posting;
using Microsoft.Extensions.Time.Testing;

namespace Community.Domain.Tests.Escalations;

/// <summary>Deadline arithmetic across days and priorities, pauses and overdue raises, with a fake clock and no database.</summary>
public sealed class EscalationRulesTests
{
    private static readonly StaffTeam Support = new() { Name = "Support", UrgentMinutes = 60, HighMinutes = 240, NormalMinutes = 1440 };
    // Late on a Monday evening, so deadlines cross midnight and the month's end.
    private static readonly DateTime Evening = new(2026, 11, 30, 22, 30, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(EscalationPriority.Urgent, "2026-11-30T23:30:00")]
    [InlineData(EscalationPriority.High, "2026-12-01T02:30:00")]
    [InlineData(EscalationPriority.Normal, "2026-12-01T22:30:00")]
    public void TheDeadlineIsTheTeamsTimeForThePriority(EscalationPriority priority, string due) =>
        Assert.Equal(DateTime.Parse(due, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal),
            EscalationRules.DueAt(Evening, priority, Support));

    [Fact]
    public void TimeLeftCountsDownAndGoesNegativeWhenOverdue()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(Evening));
        var escalation = Open(EscalationPriority.High);

        time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(TimeSpan.FromHours(1), EscalationRules.TimeLeft(escalation, Now(time)));
        Assert.False(EscalationRules.IsOverdue(escalation, Now(time)));

        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.True(EscalationRules.IsOverdue(escalation, Now(time)));
        Assert.Equal(TimeSpan.FromSeconds(-1), EscalationRules.TimeLeft(escalation, Now(time)));
    }

    [Fact]
    public void APauseForTheAskerFreezesTimeLeftAndMovesTheDeadlineByTheWait()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(Evening));
        var escalation = Open(EscalationPriority.Urgent);
        time.Advance(TimeSpan.FromMinutes(20));
        EscalationRules.Pause(escalation, Now(time));

        time.Advance(TimeSpan.FromDays(2)); // two days waiting for the asker, across midnight twice
        Assert.Equal(TimeSpan.FromMinutes(40), EscalationRules.TimeLeft(escalation, Now(time)));
        Assert.False(EscalationRules.IsOverdue(escalation, Now(time)));

        EscalationRules.Resume(escalation, Now(time));
        Assert.Null(escalation.PausedAt);
        Assert.Equal(Evening.AddHours(1).AddDays(2), escalation.DueAt);
        Assert.Equal(TimeSpan.FromMinutes(40), EscalationRules.TimeLeft(escalation, Now(time)));
    }

    [Fact]
    public void PausingTwiceKeepsTheFirstPause()
    {
        var escalation = Open(EscalationPriority.Normal);
        EscalationRules.Pause(escalation, Evening.AddHours(1));
        EscalationRules.Pause(escalation, Evening.AddHours(5));
        EscalationRules.Resume(escalation, Evening.AddHours(6));
        Assert.Equal(Evening.AddHours(24 + 5), escalation.DueAt);
    }

    [Theory]
    [InlineData(EscalationPriority.Normal, EscalationPriority.High)]
    [InlineData(EscalationPriority.High, EscalationPriority.Urgent)]
    [InlineData(EscalationPriority.Urgent, EscalationPriority.Urgent)]
    public void AnOverdueEscalationIsRaisedOneStepOnce(EscalationPriority from, EscalationPriority to)
    {
        var escalation = Open(from);
        var late = escalation.DueAt.AddMinutes(1);

        Assert.True(EscalationRules.RaiseIfOverdue(escalation, late));
        Assert.False(EscalationRules.RaiseIfOverdue(escalation, late.AddHours(5)));

        Assert.Equal(to, escalation.Priority);
        Assert.Equal(late, escalation.BreachedAt);
        Assert.True(EscalationRules.IsOverdue(escalation, late), "The breach stays visible on the desk.");
    }

    [Fact]
    public void NothingIsRaisedBeforeTheDeadlineWhilePausedOrOnceResolved()
    {
        var onTime = Open(EscalationPriority.Normal);
        Assert.False(EscalationRules.RaiseIfOverdue(onTime, onTime.DueAt));

        var paused = Open(EscalationPriority.Normal);
        EscalationRules.Pause(paused, Evening.AddHours(1));
        Assert.False(EscalationRules.RaiseIfOverdue(paused, Evening.AddDays(3)));

        var resolved = Open(EscalationPriority.Normal);
        resolved.ResolvedAt = Evening.AddHours(2);
        Assert.False(EscalationRules.RaiseIfOverdue(resolved, Evening.AddDays(3)));
        Assert.Equal(EscalationPriority.Normal, resolved.Priority);
    }

    [Fact]
    public void OnlyModeratorsAndStaffEscalate()
    {
        Assert.False(EscalationRules.CanEscalate(new Actor("m", IsModerator: false)).Allowed);
        Assert.True(EscalationRules.CanEscalate(new Actor("mod", IsModerator: true)).Allowed);
    }

    [Theory]
    [InlineData(ResolutionState.ConfirmedBug, "", false)]
    [InlineData(ResolutionState.ConfirmedBug, "BUG-1234", true)]
    [InlineData(ResolutionState.FixedInVersion, " ", false)]
    [InlineData(ResolutionState.FixedInVersion, "4.3.0", true)]
    [InlineData(ResolutionState.WorkaroundAvailable, "", true)]
    [InlineData(ResolutionState.None, "", false)]
    public void ABugNeedsAReferenceAndAFixAVersion(ResolutionState state, string reference, bool valid) =>
        Assert.Equal(valid, EscalationRules.StateProblem(state, reference) is null);

    private static Escalation Open(EscalationPriority priority) =>
        new() { Priority = priority, OpenedAt = Evening, DueAt = EscalationRules.DueAt(Evening, priority, Support) };

    private static DateTime Now(FakeTimeProvider time) => time.GetUtcNow().UtcDateTime;
}
