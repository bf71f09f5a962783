namespace Community.Web.Components.Editor;

/// <summary>
/// What the interactive connection must carry for <see cref="MarkdownEditor"/>. With <c>@bind:event="oninput"</c> every
/// keystroke sends the whole text to the server in one SignalR message, so one message must hold a body of the
/// longest allowed length. SignalR's default limit (32 KB) drops the circuit long before that.
/// </summary>
public static class MarkdownEditorConnection
{
    /// <summary>Longest text the editor sends, in UTF-16 code units (the renderer's <c>MaxSourceLength</c>).</summary>
    public const int MaxTextLength = MarkdownEditor.DefaultMaxLength;

    /// <summary>
    /// Most bytes one UTF-16 code unit can take in the message. The browser serializes the event with
    /// <c>JSON.stringify</c> and sends it as UTF-8 inside Blazor's MessagePack protocol: a BMP character is at most
    /// 3 bytes (a surrogate pair 4 bytes for two units), but a control character or a lone surrogate is escaped as
    /// <c>\uXXXX</c>, 6 bytes for one unit. Ordinary non-Latin text needs 3; 6 covers anything a browser lets through.
    /// </summary>
    public const int WorstCaseBytesPerCodeUnit = 6;

    /// <summary>Room for the rest of the message: the event descriptor, the method name, ids and framing (a few hundred bytes).</summary>
    public const int MessageOverheadBytes = 4 * 1024;

    /// <summary>
    /// 256 KB: 30,000 × 6 bytes + overhead is 184,000 bytes, so the largest body fits with room to spare,
    /// while a client still cannot make the server buffer megabytes per message.
    /// Use as <c>.AddHubOptions(o =&gt; o.MaximumReceiveMessageSize = MarkdownEditorConnection.MaximumReceiveMessageSize)</c>.
    /// </summary>
    public const long MaximumReceiveMessageSize = 256 * 1024;
}
