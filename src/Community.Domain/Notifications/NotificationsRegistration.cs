using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Community.Domain.Notifications;

public static class NotificationsRegistration
{
    /// <summary>Notifications, following, e-mail choices and the live events of this server (replaceable by a shared channel).</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.TryAddSingleton<ILiveEvents, InProcessLiveEvents>();
        services.AddSingleton<Notifier>();
        services.AddSingleton<Following>();
        services.AddSingleton<EmailChoices>();
        services.AddSingleton<NotificationMail>();
        return services;
    }
}
