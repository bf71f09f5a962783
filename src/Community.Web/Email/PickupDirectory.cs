using Microsoft.Extensions.Options;
using MimeKit;

namespace Community.Web.Email;

/// <summary>
/// Without a mail server, each message is saved as an <c>.eml</c> file (any mail program opens it),
/// and admins read them at <c>/admin/emails</c>, so a newcomer can still confirm an account.
/// </summary>
public sealed class PickupDirectory(IOptions<EmailOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<PickupDirectory> logger)
    : IEmailTransport
{
    public string FolderPath => Path.GetFullPath(options.Value.PickupDirectory, environment.ContentRootPath);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(FolderPath);
        var name = $"{time.GetUtcNow():yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(FolderPath, name);
        // Write to a temporary name first, so a reader never sees half a message.
        var temporary = path + ".tmp";
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, path);
        logger.LogInformation("Saved e-mail {MessageId} to the pickup folder as {FileName}", message.MessageId, name);
    }

    /// <summary>The saved messages, newest first.</summary>
    public IReadOnlyList<PickedUpEmail> List(int max = 200)
    {
        if (!Directory.Exists(FolderPath))
            return [];
        return new DirectoryInfo(FolderPath).GetFiles("*.eml")
            .OrderByDescending(file => file.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(file =>
            {
                using var stream = file.OpenRead();
                var headers = HeaderList.Load(stream);
                return new PickedUpEmail(file.Name, headers[HeaderId.Subject] ?? "(no subject)", headers[HeaderId.To] ?? "", file.CreationTimeUtc);
            })
            .ToList();
    }

    /// <summary>One message by file name; null for a name that is not a saved message (no path tricks).</summary>
    public async Task<MimeMessage?> OpenAsync(string fileName, CancellationToken cancellationToken = default)
    {
        if (fileName != Path.GetFileName(fileName) || !fileName.EndsWith(".eml", StringComparison.Ordinal))
            return null;
        var path = Path.Combine(FolderPath, fileName);
        return File.Exists(path) ? await MimeMessage.LoadAsync(path, cancellationToken) : null;
    }
}

public sealed record PickedUpEmail(string FileName, string Subject, string To, DateTime SavedAt);
