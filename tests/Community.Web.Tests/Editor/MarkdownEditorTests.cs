using Bunit;
using Community.Domain.Markdown;
using Community.Web.Components.Editor;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Community.Web.Tests.Editor;

public sealed class MarkdownEditorTests : BunitContext
{
    private const string LongEnough = "A question body that is comfortably longer than thirty characters.";

    public MarkdownEditorTests() => Services.AddSingleton(new MarkdownRenderer(new MarkdownRendererOptions()));

    /// <summary>As on a circuit: the editor rendered interactively, the preview rendered on every keystroke.</summary>
    private IRenderedComponent<MarkdownEditor> RenderInteractive(Action<ComponentParameterCollectionBuilder<MarkdownEditor>>? parameters = null)
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<MarkdownEditor>(p =>
        {
            p.Add(c => c.Name, "Input.Body").Add(c => c.Label, "Body").Add(c => c.PreviewDelayMilliseconds, 0);
            parameters?.Invoke(p);
        });
    }

    [Fact]
    public void RendersANamedTextareaWithItsValueLimitsAndDraftKey()
    {
        var editor = RenderInteractive(p => p
            .Add(c => c.Id, "ask-body").Add(c => c.Value, LongEnough).Add(c => c.Rows, 15).Add(c => c.DraftKey, "draft:ask")
            .Add(c => c.DescribedBy, "ask-body-help"));

        var textarea = editor.Find("textarea");
        Assert.Equal("Input.Body", textarea.GetAttribute("name"));
        Assert.Equal("ask-body", textarea.Id);
        Assert.Equal(LongEnough, textarea.GetAttribute("value") ?? textarea.TextContent);
        Assert.Equal("30000", textarea.GetAttribute("maxlength"));
        Assert.Equal("30", textarea.GetAttribute("minlength"));
        Assert.True(textarea.HasAttribute("required"));
        Assert.Equal("15", textarea.GetAttribute("rows"));
        Assert.Equal("draft:ask", textarea.GetAttribute("data-draft-key"));
        Assert.Equal("ask-body-help ask-body-count", textarea.GetAttribute("aria-describedby"));
        Assert.Equal("ask-body", editor.Find("label").GetAttribute("for"));
        Assert.Equal("Body", editor.Find("label").TextContent);
        Assert.Equal("ask-body", editor.Find("[data-draft-status-for]").GetAttribute("data-draft-status-for"));
        Assert.Empty(editor.FindAll("form"));
    }

    [Fact]
    public void WithoutADraftKeyOrIdTheTextareaKeepsNoDraftAndTakesItsIdFromTheName()
    {
        var editor = RenderInteractive(p => p.Add(c => c.MinLength, 0).Add(c => c.MaxLength, 600));

        var textarea = editor.Find("textarea");
        Assert.Equal("input-body", textarea.Id);
        Assert.False(textarea.HasAttribute("data-draft-key"));
        Assert.False(textarea.HasAttribute("minlength"));
        Assert.False(textarea.HasAttribute("required"));
        Assert.Equal("600", textarea.GetAttribute("maxlength"));
        Assert.Equal("input-body-count", textarea.GetAttribute("aria-describedby"));
        Assert.Empty(editor.FindAll("[data-draft-status-for]"));
    }

    [Fact]
    public void TypingUpdatesTheCounterAndThePreview()
    {
        var editor = RenderInteractive();
        Assert.Equal("0 / 30,000", editor.Find(".editor-count").TextContent);
        Assert.Equal("Nothing to preview yet.", editor.Find(".editor-preview").TextContent.Trim());

        editor.Find("textarea").Input("Some **bold** words, and a list:\n\n- one\n- two");

        Assert.Equal("45 / 30,000", editor.Find(".editor-count").TextContent);
        var preview = editor.Find(".markdown.editor-preview");
        Assert.Equal("polite", preview.GetAttribute("aria-live"));
        Assert.Equal("bold", preview.QuerySelector("strong")?.TextContent);
        Assert.Equal(2, preview.QuerySelectorAll("li").Length);
    }

    [Fact]
    public void TheCounterGroupsThousands()
    {
        var editor = RenderInteractive();

        editor.Find("textarea").Input(new string('x', 1234));

        Assert.Equal("1,234 / 30,000", editor.Find(".editor-count").TextContent);
        Assert.Equal("1,234", MarkdownEditor.FormatCount(1234));
    }

    [Fact]
    public void ThePreviewIsSanitized()
    {
        var editor = RenderInteractive();

        editor.Find("textarea").Input("<script>alert('x')</script>\n\n**bold** [link](javascript:alert(1)) <img src=x onerror=alert(1)>");

        var preview = editor.Find(".editor-preview");
        Assert.DoesNotContain("<script", preview.InnerHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", preview.InnerHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(preview.QuerySelectorAll("script, img"));
        Assert.DoesNotContain(preview.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal("<strong>bold</strong>", preview.QuerySelector("strong")?.OuterHtml);
        Assert.Contains("<script>alert('x')</script>", preview.TextContent);
    }

    [Fact]
    public void TextOverTheRenderersLimitShowsItsRefusalInThePreview()
    {
        var editor = RenderInteractive();

        editor.Find("textarea").Input(new string('a', 30_001));

        Assert.Equal(
            "Your post is 30,001 characters long; the limit is 30,000. Shorten it and try again.",
            editor.Find(".editor-preview-error").TextContent);
        Assert.Equal("30,001 / 30,000", editor.Find(".editor-count").TextContent);
        Assert.Contains("is-over", editor.Find(".editor-count").ClassList);
    }

    [Fact]
    public void TextOverTheFieldsOwnLimitIsRefusedInTheSameWords()
    {
        var editor = RenderInteractive(p => p.Add(c => c.MaxLength, 100).Add(c => c.MinLength, 10));

        editor.Find("textarea").Input(new string('a', 101));

        Assert.Equal(
            "Your post is 101 characters long; the limit is 100. Shorten it and try again.",
            editor.Find(".editor-preview-error").TextContent);
    }

    [Fact]
    public void NestingTooDeepShowsTheRenderersRefusal()
    {
        var editor = RenderInteractive();

        editor.Find("textarea").Input(string.Concat(Enumerable.Repeat("> ", 40)) + "deep");

        Assert.StartsWith("Your post nests quotes or lists 40 levels deep", editor.Find(".editor-preview-error").TextContent);
        Assert.Empty(editor.FindAll("blockquote"));
    }

    [Fact]
    public void ClearingTheTextClearsThePreview()
    {
        var editor = RenderInteractive(p => p.Add(c => c.Value, LongEnough));
        Assert.Contains(LongEnough, editor.Find(".editor-preview p").TextContent);

        editor.Find("textarea").Input("   ");

        Assert.Equal("Nothing to preview yet.", editor.Find(".editor-preview").TextContent.Trim());
        Assert.Empty(editor.FindAll(".editor-preview-error"));
    }

    [Fact]
    public void WithoutPreviewOnlyTheCounterFollowsTheTyping()
    {
        var editor = RenderInteractive(p => p.Add(c => c.ShowPreview, false));

        editor.Find("textarea").Input("**bold**");

        Assert.Empty(editor.FindAll(".editor-preview, .editor-preview-label"));
        Assert.DoesNotContain("<strong>", editor.Markup);
        Assert.Equal("8 / 30,000", editor.Find(".editor-count").TextContent);
    }

    [Fact]
    public void StaticRenderingIsAPlainTextareaWithANoteInsteadOfAPreview()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var editor = Render<MarkdownEditor>(p => p
            .Add(c => c.Name, "Input.Body").Add(c => c.Label, "Body").Add(c => c.Value, "**bold** " + LongEnough)
            .Add(c => c.DraftKey, "draft:answer:42"));

        var textarea = editor.Find("textarea");
        Assert.Equal("Input.Body", textarea.GetAttribute("name"));
        Assert.Equal("draft:answer:42", textarea.GetAttribute("data-draft-key"));
        // No circuit: drafts.js keeps the counter up to date instead.
        Assert.Equal("input-body-count", textarea.GetAttribute("data-count-target"));
        Assert.Equal("75 / 30,000", editor.Find("#input-body-count").TextContent);
        Assert.Empty(editor.FindAll(".editor-preview strong"));
        Assert.Contains("Live preview isn't available here", editor.Find(".editor-preview").TextContent);
    }

    [Fact]
    public void PrerenderingAnIslandShowsThePreviewOfTheInitialText()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var editor = Render<MarkdownEditor>(p => p
            .Add(c => c.Name, "Input.Body").Add(c => c.Label, "Body").Add(c => c.Value, "**bold** " + LongEnough)
            .SetAssignedRenderMode(RenderMode.InteractiveServer));

        Assert.Equal("bold", editor.Find(".editor-preview strong").TextContent);
        Assert.False(editor.Find("textarea").HasAttribute("data-count-target"));
    }

    [Fact]
    public void ThePreviewWaitsForAPauseInTyping()
    {
        var time = new FakeTimeProvider();
        Services.AddSingleton<TimeProvider>(time);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var editor = Render<MarkdownEditor>(p => p.Add(c => c.Name, "Input.Body").Add(c => c.Label, "Body"));
        var textarea = editor.Find("textarea");

        textarea.Input("**first**");
        time.Advance(TimeSpan.FromMilliseconds(200));
        editor.Find("textarea").Input("**second**");
        time.Advance(TimeSpan.FromMilliseconds(200));

        // 400 ms after the first keystroke but only 200 ms after the last: no preview yet, though the counter follows.
        Assert.Equal("10 / 30,000", editor.Find(".editor-count").TextContent);
        Assert.Empty(editor.FindAll(".editor-preview strong"));

        time.Advance(TimeSpan.FromMilliseconds(100));

        editor.WaitForAssertion(() => Assert.Equal("second", editor.Find(".editor-preview strong").TextContent));
    }

    [Fact]
    public void ANewValueFromThePageReplacesTheTextButARerenderKeepsWhatWasTyped()
    {
        var editor = RenderInteractive(p => p.Add(c => c.Value, LongEnough));
        editor.Find("textarea").Input("Typed by hand, **not** from the server.");

        editor.Render(p => p.Add(c => c.Value, LongEnough).Add(c => c.Rows, 20));
        Assert.Equal("39 / 30,000", editor.Find(".editor-count").TextContent);
        Assert.Equal("not", editor.Find(".editor-preview strong").TextContent);

        editor.Render(p => p.Add(c => c.Value, "Posted **again** after a failed validation."));
        Assert.Equal("43 / 30,000", editor.Find(".editor-count").TextContent);
        Assert.Equal("again", editor.Find(".editor-preview strong").TextContent);
    }

    [Theory]
    [InlineData("Input.Body", "input-body")]
    [InlineData("Answer Body[0]", "answer-body-0-")]
    [InlineData("  ", "markdown-editor")]
    public void IdsComeFromFieldNames(string name, string id) => Assert.Equal(id, MarkdownEditor.IdFromName(name));
}
