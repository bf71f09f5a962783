using Community.Domain.Escalations;

namespace Community.Web.Components.Pages.Escalations;

/// <summary>How the desk words states, sources and time left.</summary>
public static class DeskText
{
    public static string State(EscalationState state) => state switch
    {
        EscalationState.New => "New",
        EscalationState.Claimed => "Claimed",
        EscalationState.Acknowledged => "Acknowledged",
        EscalationState.WaitingForAsker => "Waiting for the asker",
        _ => "Resolved",
    };

    public static string Source(EscalationSource source) => source switch
    {
        EscalationSource.Flag => "from a member's flag",
        EscalationSource.Clock => "by the response clock",
        EscalationSource.Asker => "asked for private follow-up",
        _ => "escalated by hand",
    };

    public static string TimeLeft(DeskRow row) =>
        row.State == EscalationState.Resolved ? "Resolved"
        : row.IsOverdue ? $"Overdue by {Duration(-row.TimeLeft)}"
        : row.State == EscalationState.WaitingForAsker ? $"Paused ({Duration(row.TimeLeft)} left)"
        : $"{Duration(row.TimeLeft)} left";

    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = -span;
        if (span.TotalMinutes < 60) return $"{Math.Max(1, (int)span.TotalMinutes)} min";
        if (span.TotalHours < 48) return $"{(int)span.TotalHours} h {span.Minutes:00} min";
        return $"{(int)span.TotalDays} d {span.Hours} h";
    }

    public static string Minutes(int minutes) => minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes} min";
}
