using System.Net;
using System.Net.Sockets;
using System.Text;
using Community.Web.Email;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Community.Web.Tests.Email;

/// <summary>MailKit speaks real SMTP to a minimal server on loopback that records what it is given.</summary>
public sealed class SmtpEmailTransportTests
{
    [Fact]
    public async Task AMessageIsDeliveredOverSmtpWithItsRecipientAndBody()
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = new RecordingSmtpServer();
        var serverTask = server.AcceptOneAsync(ct);
        var options = Options.Create(new EmailOptions
        {
            FromAddress = "community@example.com",
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, UseTls = false },
        });
        var message = new MimeMessage { Subject = "Confirm your account" };
        message.From.Add(MailboxAddress.Parse("community@example.com"));
        message.To.Add(MailboxAddress.Parse("dana@example.com"));
        message.Body = new TextPart("plain") { Text = "Open this link to confirm." };

        await new SmtpEmailTransport(options, NullLogger<SmtpEmailTransport>.Instance).SendAsync(message, ct);
        var received = await serverTask;

        Assert.Contains("RCPT TO:<dana@example.com>", received.Commands);
        Assert.Contains("Subject: Confirm your account", received.Data);
        Assert.Contains("Open this link to confirm.", received.Data);
    }

    private sealed record Received(IReadOnlyList<string> Commands, string Data);

    /// <summary>Just enough SMTP (RFC 5321) for one message: greeting, EHLO, MAIL, RCPT, DATA, QUIT.</summary>
    private sealed class RecordingSmtpServer : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);

        public RecordingSmtpServer() => listener.Start();

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public async Task<Received> AcceptOneAsync(CancellationToken ct)
        {
            using var client = await listener.AcceptTcpClientAsync(ct);
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            var commands = new List<string>();
            var data = new StringBuilder();
            await writer.WriteLineAsync("220 test ESMTP");
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                commands.Add(line);
                if (line.StartsWith("EHLO", StringComparison.OrdinalIgnoreCase))
                    await writer.WriteLineAsync("250 test");
                else if (line.Equals("DATA", StringComparison.OrdinalIgnoreCase))
                {
                    await writer.WriteLineAsync("354 go ahead");
                    while (await reader.ReadLineAsync(ct) is { } dataLine && dataLine != ".")
                        data.AppendLine(dataLine);
                    await writer.WriteLineAsync("250 queued");
                }
                else if (line.Equals("QUIT", StringComparison.OrdinalIgnoreCase))
                {
                    await writer.WriteLineAsync("221 bye");
                    break;
                }
                else
                    await writer.WriteLineAsync("250 ok");
            }
            return new Received(commands, data.ToString());
        }

        public void Dispose() => listener.Stop();
    }
}
