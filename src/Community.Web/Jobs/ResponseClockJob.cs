using Community.Domain.Escalations;

namespace Community.Web.Jobs;

/// <summary>Every ten minutes: invites experts, escalates and offers private follow-ups for unanswered questions, and raises overdue escalations.</summary>
public sealed class ResponseClockJob(ResponseClockSweep sweep, ILogger<ResponseClockJob> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var report = await sweep.RunAsync(cancellationToken);
        if (report.ExpertsInvited + report.Escalated + report.FollowUpsOffered + report.PrioritiesRaised > 0)
            logger.LogInformation("Response clock: {Invited} experts invited, {Escalated} questions escalated, {Offered} follow-ups offered, {Raised} overdue escalations raised",
                report.ExpertsInvited, report.Escalated, report.FollowUpsOffered, report.PrioritiesRaised);
    }
}
