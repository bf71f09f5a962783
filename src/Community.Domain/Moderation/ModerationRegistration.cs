using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Community.Domain.Moderation;

public static class ModerationRegistration
{
    /// <summary>Flags, holds, the review queue, sanctions and the watch list. Options come from the host (section <c>Moderation</c>) or default.</summary>
    public static IServiceCollection AddModeration(this IServiceCollection services)
    {
        services.TryAddSingleton(new ModerationOptions());
        services.AddSingleton<ModerationGate>();
        services.AddSingleton<RaiseFlag>();
        services.AddSingleton<HandleFlags>();
        services.AddSingleton<SanctionMember>();
        services.AddSingleton<ReviewQueue>();
        services.AddSingleton<MyFlags>();
        services.AddSingleton<WatchList>();
        services.AddSingleton<MemberStanding>();
        // The escalations feature replaces this with the real handoff (AddSingleton wins over TryAdd).
        services.TryAddSingleton<IStaffAttentionHandoff, NoStaffAttentionHandoff>();
        return services;
    }
}
