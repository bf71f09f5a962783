namespace Community.Domain.Escalations;

/// <summary>
/// A private follow-up between the asker and staff about one question (order numbers, account details). Only the
/// asker, staff and admins can read it; to everyone else it does not exist (404), and no public page, list, feed,
/// search or sitemap reads this table.
/// </summary>
public sealed class PrivateConversation
{
    public int Id { get; set; }
    public int QuestionId { get; set; }
    public int? EscalationId { get; set; }
    public string AskerId { get; set; } = "";
    public string OpenedById { get; set; } = "";
    public DateTime OpenedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public List<PrivateMessage> Messages { get; set; } = [];
}

public sealed class PrivateMessage
{
    public const int BodyMaxLength = 8_000;

    public int Id { get; set; }
    public int ConversationId { get; set; }
    public string AuthorId { get; set; } = "";
    /// <summary>Plain text, shown encoded (never as HTML).</summary>
    public string Body { get; set; } = "";
    public DateTime At { get; set; }
    public string? ClientToken { get; set; }
}
