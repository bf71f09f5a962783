using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Community.Domain.Escalations;

public static class EscalationsRegistration
{
    /// <summary>Staff teams, escalations, the staff desk, private follow-ups, the response clock and the personal-data detector.</summary>
    public static IServiceCollection AddEscalations(this IServiceCollection services)
    {
        services.TryAddSingleton(new ResponseClockOptions());
        services.TryAddSingleton(new PersonalDataOptions());
        services.AddSingleton<PersonalDataDetector>();
        services.AddSingleton<ManageTeams>();
        services.AddSingleton<EscalateQuestion>();
        services.AddSingleton<WorkOnEscalation>();
        services.AddSingleton<ResolveEscalation>();
        services.AddSingleton<RateEscalation>();
        services.AddSingleton<PrivateFollowUps>();
        services.AddSingleton<ResponseClockSweep>();
        services.AddSingleton<EscalationQueries>();
        services.AddSingleton<DeskMetrics>();
        services.AddSingleton<InvitationSettings>();
        // Accepted "needs staff attention" flags become escalations (wins over moderation's no-op default).
        services.AddSingleton<Moderation.IStaffAttentionHandoff, EscalationHandoff>();
        return services;
    }
}
