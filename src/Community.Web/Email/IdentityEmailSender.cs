using System.Net;
using Community.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Community.Web.Email;

/// <summary>The account e-mails Identity asks for (confirm, reset), as plain text with an HTML alternative.</summary>
public sealed class IdentityEmailSender(IEmailTransport transport, IOptions<EmailOptions> emailOptions, IOptions<Hosting.SiteOptions> site)
    : IEmailSender<CommunityUser>
{
    // Identity's pages pass links already HTML-encoded.
    public Task SendConfirmationLinkAsync(CommunityUser user, string email, string confirmationLink) =>
        SendAsync(user, email, $"Confirm your {site.Value.Name} account",
            "Welcome! Confirm your e-mail address to finish creating your account:", confirmationLink, "Confirm my account");

    public Task SendPasswordResetLinkAsync(CommunityUser user, string email, string resetLink) =>
        SendAsync(user, email, $"Reset your {site.Value.Name} password",
            "Someone (we hope you) asked to reset your password. If it was not you, ignore this message.", resetLink, "Choose a new password");

    public Task SendPasswordResetCodeAsync(CommunityUser user, string email, string resetCode) =>
        SendAsync(user, email, $"Your {site.Value.Name} password reset code",
            $"Your password reset code is {WebUtility.HtmlEncode(resetCode)}.", link: null, linkText: null);

    private Task SendAsync(CommunityUser user, string email, string subject, string text, string? link, string? linkText)
    {
        var from = emailOptions.Value;
        var message = new MimeMessage { Subject = subject };
        message.From.Add(new MailboxAddress(from.FromName, from.FromAddress));
        message.To.Add(new MailboxAddress(user.DisplayName, email));
        var plainLink = link is null ? null : WebUtility.HtmlDecode(link);
        var body = new BodyBuilder
        {
            TextBody = $"Hello {user.DisplayName},\n\n{text}\n{(plainLink is null ? "" : $"\n{plainLink}\n")}\n— {site.Value.Name}\n",
            HtmlBody = $"<p>Hello {WebUtility.HtmlEncode(user.DisplayName)},</p><p>{WebUtility.HtmlEncode(text)}</p>"
                + (link is null ? "" : $"<p><a href=\"{link}\">{WebUtility.HtmlEncode(linkText)}</a></p>")
                + $"<p>— {WebUtility.HtmlEncode(site.Value.Name)}</p>",
        };
        message.Body = body.ToMessageBody();
        return transport.SendAsync(message);
    }
}
