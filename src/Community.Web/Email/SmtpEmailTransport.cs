using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Community.Web.Email;

/// <summary>Sends through an SMTP server with MailKit (System.Net.Mail's SmtpClient is obsolete for new code).</summary>
public sealed class SmtpEmailTransport(IOptions<EmailOptions> options, ILogger<SmtpEmailTransport> logger) : IEmailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        var smtp = options.Value.Smtp ?? throw new InvalidOperationException("Email:Smtp is not configured.");
        using var client = new SmtpClient();
        var security = smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
            : smtp.UseTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None;
        await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Sent e-mail {MessageId} to {Recipients} through {Host}", message.MessageId, message.To.Count, smtp.Host);
    }
}
