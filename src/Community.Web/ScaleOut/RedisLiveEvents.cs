using System.Text.Json;
using Community.Domain.Notifications;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Community.Web.ScaleOut;

/// <summary>
/// Live events shared by every node through Redis pub/sub: one channel per kind of event. A node publishes only to
/// Redis, and Redis hands the event back to every subscribed node, this one included, so each open page hears it once.
/// The pages' subscriptions stay in this node's memory (<see cref="InProcessLiveEvents"/>).
/// </summary>
public sealed class RedisLiveEvents(IConnectionMultiplexer redis, IOptions<RedisOptions> options, ILogger<RedisLiveEvents> logger)
    : ILiveEvents, IHostedService
{
    private readonly InProcessLiveEvents local = new();
    private readonly RedisChannel questionChannel = RedisChannel.Literal($"{options.Value.InstanceName}:live:question");
    private readonly RedisChannel notificationChannel = RedisChannel.Literal($"{options.Value.InstanceName}:live:notifications");

    public void Publish(QuestionActivity activity) =>
        Send(questionChannel, JsonSerializer.Serialize(activity), () => local.Publish(activity));

    public void NotificationsChanged(string userId) =>
        Send(notificationChannel, userId, () => local.NotificationsChanged(userId));

    public IDisposable OnQuestion(int questionId, Func<QuestionActivity, Task> handler) => local.OnQuestion(questionId, handler);

    public IDisposable OnNotifications(string userId, Func<Task> handler) => local.OnNotifications(userId, handler);

    /// <summary>Subscribes before the node takes requests; an unreachable Redis stops the start with its error.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Message queues rather than handlers: each channel's events reach this node's pages in the order they were sent.
        var subscriber = redis.GetSubscriber();
        (await subscriber.SubscribeAsync(questionChannel)).OnMessage(message => Receive(message.Message, payload =>
            local.Publish(JsonSerializer.Deserialize<QuestionActivity>(payload)!)));
        (await subscriber.SubscribeAsync(notificationChannel)).OnMessage(message => Receive(message.Message, local.NotificationsChanged));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            var subscriber = redis.GetSubscriber();
            await subscriber.UnsubscribeAsync(questionChannel);
            await subscriber.UnsubscribeAsync(notificationChannel);
        }
        catch (Exception exception) when (exception is RedisException or ObjectDisposedException)
        {
            // Stopping anyway: the server drops a closed connection's subscriptions.
        }
    }

    /// <summary>
    /// The write has been saved; the event only spares a reload. When Redis cannot take it, this node's own pages still
    /// hear it, and the other nodes' pages show the change on their next load.
    /// </summary>
    private void Send(RedisChannel channel, string payload, Action deliverHere)
    {
        Task published;
        try
        {
            published = redis.GetSubscriber().PublishAsync(channel, payload);
        }
        catch (Exception exception) when (exception is RedisException or ObjectDisposedException)
        {
            published = Task.FromException(exception);
        }
        published.ContinueWith(publish =>
        {
            logger.LogWarning(publish.Exception, "Redis did not take a live event on {Channel}; delivered on this node only", channel);
            deliverHere();
        }, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private void Receive(RedisValue message, Action<string> deliver)
    {
        try
        {
            deliver(message.ToString());
        }
        catch (JsonException exception)
        {
            logger.LogWarning(exception, "Ignored a live event that is not one of ours: {Message}", message.ToString());
        }
    }
}
