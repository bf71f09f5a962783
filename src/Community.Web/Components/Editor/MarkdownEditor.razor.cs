using System.Globalization;
using System.Text;
using Community.Domain.Markdown;
using Microsoft.AspNetCore.Components;

namespace Community.Web.Components.Editor;

/// <summary>
/// A Markdown text box for the ask, answer and edit forms: a plain, named <c>&lt;textarea&gt;</c> that the page's own form
/// posts, a character counter and a preview.
/// <para>
/// Static server rendering: a plain textarea; the preview area holds a note (there is no circuit to render it).
/// Rendered with <c>@rendermode InteractiveServer</c> as an island inside the static form: every keystroke updates the
/// counter, and the preview is rendered with <see cref="MarkdownRenderer.Render"/> once typing pauses for
/// <see cref="PreviewDelayMilliseconds"/>. The textarea keeps its <c>name</c>, so the static form still posts it.
/// </para>
/// <para>
/// Every parameter is a string, an int or a bool, so the component can be an interactive island (island parameters are
/// serialized into the page). With a <see cref="DraftKey"/>, <c>wwwroot/js/drafts.js</c> keeps a draft of the text
/// in the browser's localStorage and puts it back after a reload or a dropped circuit.
/// </para>
/// </summary>
public sealed partial class MarkdownEditor : IDisposable
{
    public const int DefaultMaxLength = 30_000;
    public const int DefaultMinLength = 30;
    public const int DefaultRows = 12;
    public const int DefaultPreviewDelayMilliseconds = 300;

    private string _text = "";
    private string? _appliedValue;
    private bool _hasAppliedValue;
    private MarkdownRenderResult? _preview;
    private ITimer? _previewTimer;
    private volatile bool _disposed;

    [Inject] private MarkdownRenderer Markdown { get; set; } = default!;

    [Inject] private IServiceProvider Services { get; set; } = default!;

    /// <summary>The form field name the textarea posts under, e.g. <c>Input.Body</c>.</summary>
    [Parameter, EditorRequired] public string Name { get; set; } = "";

    /// <summary>
    /// The initial text. When the page renders the editor again with a different value (an enhanced form post that
    /// failed validation, say), the text box takes the new value; re-renders with the same value keep what was typed.
    /// </summary>
    [Parameter] public string? Value { get; set; }

    [Parameter, EditorRequired] public string Label { get; set; } = "";

    /// <summary>The textarea's id; by default derived from <see cref="Name"/> (<c>Input.Body</c> becomes <c>input-body</c>).</summary>
    [Parameter] public string? Id { get; set; }

    /// <summary>Most characters (UTF-16 code units, as the browser's <c>maxlength</c> counts them).</summary>
    [Parameter] public int MaxLength { get; set; } = DefaultMaxLength;

    /// <summary>Fewest characters; 0 makes the field optional.</summary>
    [Parameter] public int MinLength { get; set; } = DefaultMinLength;

    [Parameter] public int Rows { get; set; } = DefaultRows;

    /// <summary>The localStorage key of the draft, e.g. <c>draft:ask</c> or <c>draft:answer:42</c>; null keeps no draft.</summary>
    [Parameter] public string? DraftKey { get; set; }

    /// <summary>The server's message about this field after a refused post; marks the field invalid.</summary>
    [Parameter] public string? Error { get; set; }

    [Parameter] public bool ShowPreview { get; set; } = true;

    /// <summary>Ids of elements that describe the field (a help text), read along with the counter.</summary>
    [Parameter] public string? DescribedBy { get; set; }

    /// <summary>How long typing must pause before the preview is rendered again; 0 renders it on every keystroke.</summary>
    [Parameter] public int PreviewDelayMilliseconds { get; set; } = DefaultPreviewDelayMilliseconds;

    /// <summary>
    /// True when the editor is, or is about to be, interactive: a circuit runs it, or it is being prerendered for one
    /// (an island with a render mode). False in plain static rendering, where typing reaches no server code.
    /// </summary>
    private bool IsLive => RendererInfo.IsInteractive || AssignedRenderMode is not null;

    private string EditorId => string.IsNullOrWhiteSpace(Id) ? IdFromName(Name) : Id;

    private string CountId => EditorId + "-count";

    private string DescribedByIds => string.IsNullOrWhiteSpace(DescribedBy) ? CountId : $"{DescribedBy.Trim()} {CountId}";

    private string PreviewLabelId => EditorId + "-preview-label";

    private string CountText => $"{FormatCount(_text.Length)} / {FormatCount(MaxLength)}";

    private string CountClass =>
        _text.Length > MaxLength ? "editor-count is-over"
        : _text.Length < MinLength ? "editor-count is-under"
        : "editor-count";

    /// <summary>"1,234": the counter's format, whatever the request's culture.</summary>
    public static string FormatCount(int count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>An id-safe form of a field name: <c>Input.Body</c> becomes <c>input-body</c>.</summary>
    public static string IdFromName(string name)
    {
        var id = new StringBuilder(name.Length);
        foreach (var c in name.Trim())
            id.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? char.ToLowerInvariant(c) : '-');
        return id.Length == 0 ? "markdown-editor" : id.ToString();
    }

    protected override void OnParametersSet()
    {
        if (string.IsNullOrWhiteSpace(Name))
            throw new InvalidOperationException($"{nameof(MarkdownEditor)} needs a {nameof(Name)}: the form field it posts.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLength);
        ArgumentOutOfRangeException.ThrowIfNegative(MinLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MinLength, MaxLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Rows);
        ArgumentOutOfRangeException.ThrowIfNegative(PreviewDelayMilliseconds);

        if (!_hasAppliedValue || !string.Equals(Value, _appliedValue, StringComparison.Ordinal))
        {
            _hasAppliedValue = true;
            _appliedValue = Value;
            _text = Value ?? "";
            _previewTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            UpdatePreview();
        }
        else if (_preview is null && ShowPreview)
        {
            UpdatePreview();
        }
    }

    /// <summary>After each keystroke (the binding has already stored the text): the preview follows once typing pauses.</summary>
    private void OnTextChanged()
    {
        if (!ShowPreview)
            return;
        if (PreviewDelayMilliseconds == 0)
        {
            UpdatePreview();
            return;
        }
        _previewTimer ??= Clock.CreateTimer(
            static state => ((MarkdownEditor)state!).OnPreviewDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _previewTimer.Change(TimeSpan.FromMilliseconds(PreviewDelayMilliseconds), Timeout.InfiniteTimeSpan);
    }

    private TimeProvider Clock => Services.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;

    /// <summary>On a timer thread: hand the render back to the component's dispatcher.</summary>
    private void OnPreviewDue()
    {
        if (_disposed)
            return;
        _ = InvokeAsync(RenderDuePreviewAsync);
    }

    private async Task RenderDuePreviewAsync()
    {
        if (_disposed)
            return;
        try
        {
            UpdatePreview();
            StateHasChanged();
        }
        catch (Exception ex)
        {
            // Through the component, so the failure is handled (and logged) like any other render error.
            await DispatchExceptionAsync(ex);
        }
    }

    private void UpdatePreview()
    {
        if (!ShowPreview || !IsLive)
        {
            _preview = null;
            return;
        }
        if (string.IsNullOrWhiteSpace(_text))
            _preview = null;
        else if (_text.Length > MaxLength)
            _preview = MarkdownRenderResult.Refused(TooLong(_text.Length, MaxLength));
        else
            _preview = Markdown.Render(_text);
    }

    /// <summary>The renderer's own wording, for a field whose limit is below the renderer's.</summary>
    private static string TooLong(int length, int limit) =>
        $"Your post is {FormatCount(length)} characters long; the limit is {FormatCount(limit)}. Shorten it and try again.";

    public void Dispose()
    {
        _disposed = true;
        _previewTimer?.Dispose();
    }
}
