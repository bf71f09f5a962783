using System.Net;
using Community.Domain.Notifications;
using Community.Web.Email;
using Community.Web.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Community.Web.Notifications;

/// <summary>
/// Sends one outbox entry: what <see cref="NotificationMail"/> says it is at this moment, as text with an HTML alternative,
/// with a working unsubscribe link (and the one-click List-Unsubscribe headers mail clients show as a button).
/// </summary>
public sealed class NotificationEmailSender(NotificationMail mail, IEmailTransport transport, UnsubscribeTokens tokens,
    IOptions<EmailOptions> emailOptions, IOptions<SiteOptions> site, ILogger<NotificationEmailSender> logger)
{
    public async Task SendAsync(long outboxId, CancellationToken cancellationToken = default)
    {
        var email = await mail.PrepareAsync(outboxId, cancellationToken);
        if (email is null)
        {
            logger.LogInformation("E-mail {OutboxEntryId} has nothing to send (sent, unwanted or no longer visible)", outboxId);
            return;
        }
        try
        {
            await transport.SendAsync(Compose(email), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await mail.MarkFailedAsync(outboxId, e.Message, cancellationToken);
            throw;
        }
        await mail.MarkSentAsync(outboxId, cancellationToken);
        logger.LogInformation("E-mail {OutboxEntryId} sent to member {UserId}", outboxId, email.UserId);
    }

    public MimeMessage Compose(NotificationEmail email)
    {
        var baseUri = site.Value.PublicBase;
        var token = Uri.EscapeDataString(tokens.For(email.UserId, email.UnsubscribeKind));
        var unsubscribe = new Uri(baseUri, $"email/unsubscribe?token={token}").AbsoluteUri;
        var oneClick = new Uri(baseUri, $"email/unsubscribe/one-click?token={token}").AbsoluteUri;
        var settings = new Uri(baseUri, "notifications/settings").AbsoluteUri;
        var what = email.UnsubscribeKind is { } kind ? $"e-mails like this one ({NotificationKinds.Describe(kind).ToLowerInvariant()})" : "these daily digests";

        var message = new MimeMessage { Subject = email.Subject };
        message.From.Add(new MailboxAddress(emailOptions.Value.FromName, emailOptions.Value.FromAddress));
        message.To.Add(new MailboxAddress(email.ToName, email.ToAddress));
        message.Headers.Add("List-Unsubscribe", $"<{oneClick}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        string Absolute(string? link) => link is null ? baseUri.AbsoluteUri : new Uri(baseUri, link).AbsoluteUri;
        var body = new BodyBuilder
        {
            TextBody = $"Hello {email.ToName},\n\n"
                + string.Concat(email.Lines.Select(l => $"- {l.Text}\n  {Absolute(l.Link)}\n"))
                + $"\nStop {what}: {unsubscribe}\nChoose what you get by e-mail: {settings}\n\n— {site.Value.Name}\n",
            HtmlBody = $"<p>Hello {WebUtility.HtmlEncode(email.ToName)},</p><ul>"
                + string.Concat(email.Lines.Select(l => $"<li><a href=\"{WebUtility.HtmlEncode(Absolute(l.Link))}\">{WebUtility.HtmlEncode(l.Text)}</a></li>"))
                + $"</ul><p><small><a href=\"{WebUtility.HtmlEncode(unsubscribe)}\">Stop {WebUtility.HtmlEncode(what)}</a> · "
                + $"<a href=\"{WebUtility.HtmlEncode(settings)}\">Choose what you get by e-mail</a></small></p><p>— {WebUtility.HtmlEncode(site.Value.Name)}</p>",
        };
        message.Body = body.ToMessageBody();
        return message;
    }
}
