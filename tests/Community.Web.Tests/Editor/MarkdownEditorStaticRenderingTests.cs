using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Community.Domain.Markdown;
using Community.Web.Components.Editor;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Community.Web.Tests.Editor;

/// <summary>The editor through Blazor's own static HTML renderer, as static SSR writes it into the page.</summary>
public sealed class MarkdownEditorStaticRenderingTests
{
    private static async Task<string> RenderStaticAsync(Dictionary<string, object?> parameters)
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(new MarkdownRenderer(new MarkdownRendererOptions()))
            .BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<MarkdownEditor>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
    }

    [Fact]
    public async Task TheTextareaCarriesItsValueAsEncodedContentForTheFormToPost()
    {
        const string value = "Hello </textarea><script>alert(1)</script> & **bold** text, long enough to post.";

        var html = await RenderStaticAsync(new()
        {
            [nameof(MarkdownEditor.Name)] = "Input.Body",
            [nameof(MarkdownEditor.Label)] = "Your answer",
            [nameof(MarkdownEditor.Value)] = value,
            [nameof(MarkdownEditor.DraftKey)] = "draft:answer:42",
        });

        Assert.DoesNotContain("<form", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var document = new HtmlParser().ParseDocument("<form method=post>" + html + "</form>");
        var textarea = Assert.IsAssignableFrom<IHtmlTextAreaElement>(document.QuerySelector("form textarea"));
        Assert.Equal("Input.Body", textarea.Name);
        Assert.Equal(value, textarea.Value);
        Assert.Equal("draft:answer:42", textarea.GetAttribute("data-draft-key"));
        Assert.Equal("input-body-count", textarea.GetAttribute("data-count-target"));
        Assert.Equal("Your answer", document.QuerySelector("label[for=input-body]")?.TextContent);
        Assert.Equal("80 / 30,000", document.QuerySelector("#input-body-count")?.TextContent);
        Assert.Null(document.QuerySelector(".editor-preview strong"));
        Assert.NotNull(document.QuerySelector(".editor-preview .editor-preview-note"));
    }
}
