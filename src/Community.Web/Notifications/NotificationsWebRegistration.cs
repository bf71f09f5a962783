using Community.Domain.Notifications;
using Community.Web.Jobs;

namespace Community.Web.Notifications;

public static class NotificationsWebRegistration
{
    public static IServiceCollection AddCommunityNotifications(this IServiceCollection services)
    {
        services.AddSingleton<IEmailOutboxQueue, HangfireEmailOutboxQueue>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<NotificationEmailSender>();
        services.AddTransient<SendNotificationEmailJob>();
        services.AddTransient<EmailOutboxSweepJob>();
        services.AddTransient<DailyDigestJob>();
        return services;
    }
}
