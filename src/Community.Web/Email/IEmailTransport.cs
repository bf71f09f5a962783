using MimeKit;

namespace Community.Web.Email;

/// <summary>Where a finished message goes: an SMTP server, or the pickup folder.</summary>
public interface IEmailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default);
}
