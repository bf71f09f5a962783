using System.ComponentModel.DataAnnotations;

namespace Community.Web.Email;

/// <summary>Settings under <c>Email</c>. Without <see cref="Smtp"/>, mail is written to <see cref="PickupDirectory"/>.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    [Required(ErrorMessage = "Email:FromAddress is required: the address the forum's e-mail comes from.")]
    [EmailAddress(ErrorMessage = "Email:FromAddress must be an e-mail address, such as community@example.com.")]
    public string FromAddress { get; set; } = "";

    public string FromName { get; set; } = "Community";

    /// <summary>Folder for <c>.eml</c> files when no SMTP server is set; relative to the content root.</summary>
    [Required(ErrorMessage = "Email:PickupDirectory is required: the folder where e-mail is saved when no SMTP server is set.")]
    public string PickupDirectory { get; set; } = "data/mail-pickup";

    public SmtpOptions? Smtp { get; set; }
}

/// <summary>Settings under <c>Email:Smtp</c>; the password belongs in user secrets or the environment, never in the repository.</summary>
public sealed class SmtpOptions
{
    [Required(ErrorMessage = "Email:Smtp:Host is required when Email:Smtp is set: the name of the mail server.")]
    public string Host { get; set; } = "";

    [Range(1, 65535, ErrorMessage = "Email:Smtp:Port must be a port number from 1 to 65535.")]
    public int Port { get; set; } = 587;

    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>Upgrade the connection with STARTTLS when the server offers it (port 465 uses TLS from the start).</summary>
    public bool UseTls { get; set; } = true;
}
