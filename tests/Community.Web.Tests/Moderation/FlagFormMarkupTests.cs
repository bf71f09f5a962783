using Community.Web.Components.Pages.Moderation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Community.Web.Tests.Moderation;

/// <summary>A question page's flag forms, through Blazor's own static HTML renderer, as static SSR writes them.</summary>
public sealed class FlagFormMarkupTests
{
    private sealed class FragmentHost : ComponentBase
    {
        [Parameter] public RenderFragment? Content { get; set; }
        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, Content);
    }

    private static async Task<string> RenderAsync(RenderFragment fragment)
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<FragmentHost>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Content"] = fragment }));
            return output.ToHtmlString();
        });
    }

    // What the Razor template rendered before the form became one markup string (captured from it, 2026-11-25).
    private const string AnswerFlagWithToken = """
        <details class="flag-form"><summary>Flag</summary>
                    <form method="post" action="posts/42/flag"><input type="hidden" name="__RequestVerificationToken" value="CfDJ8&lt;&amp;&quot;&#x27;&gt;token" />
                        <input type="hidden" name="returnUrl" value="questions/5/a-b?x=1&amp;y=&quot;2&quot;#answer-42" />
                        <fieldset><legend>Why should a moderator look at this answer?</legend><div class="form-check"><input class="form-check-input" type="radio" name="reason" id="flag-p42-Spam" value="Spam" required />
                                    <label class="form-check-label" for="flag-p42-Spam"><strong>Spam</strong>: Promotes a product or service and is not an honest contribution.</label></div><div class="form-check"><input class="form-check-input" type="radio" name="reason" id="flag-p42-RudeOrAbusive" value="RudeOrAbusive" required />
                                    <label class="form-check-label" for="flag-p42-RudeOrAbusive"><strong>Rude or abusive</strong>: A reasonable person would find it insulting, hateful or threatening.</label></div><div class="form-check"><input class="form-check-input" type="radio" name="reason" id="flag-p42-OffTopic" value="OffTopic" required />
                                    <label class="form-check-label" for="flag-p42-OffTopic"><strong>Off-topic</strong>: Not about the company&#x27;s products or services.</label></div><div class="form-check"><input class="form-check-input" type="radio" name="reason" id="flag-p42-NeedsStaffAttention" value="NeedsStaffAttention" required />
                                    <label class="form-check-label" for="flag-p42-NeedsStaffAttention"><strong>Needs staff attention</strong>: Something the company&#x27;s staff should look at (a bug, an outage, an account problem).</label></div><div class="form-check"><input class="form-check-input" type="radio" name="reason" id="flag-p42-Other" value="Other" required />
                                    <label class="form-check-label" for="flag-p42-Other"><strong>Something else</strong>: Something else a moderator should know: say what in the note.</label></div></fieldset>
                        <label for="flag-note-p42">Note for the moderators (needed for “something else”)</label>
                        <textarea id="flag-note-p42" name="note" rows="2" maxlength="500" class="form-control form-control-sm"></textarea>
                        <button type="submit" class="btn btn-sm btn-outline-danger">Flag this answer</button></form></details>
        """;

    private const string CommentFlagWithoutToken = """
        <details class="flag-form"><summary>Flag</summary>
                    <form method="post" action="comments/7/flag">
                        <input type="hidden" name="returnUrl" value="questions/5/&lt;b&gt;" />
                        <fieldset><legend>Why should a moderator look at this comment?</legend><div class="form-check"><input class="form-check-input" type="radio" name="reason" id="flag-c7-Spam" value="Spam" required />
                                    <label class="form-check-label" for="flag-c7-Spam"><strong>Spam</strong>: Promotes a product or service and is not an honest contribution.</label></div><div class="form-check"><input class="form-check-input" type="radio" name="reason" id="flag-c7-RudeOrAbusive" value="RudeOrAbusive" required />
                                    <label class="form-check-label" for="flag-c7-RudeOrAbusive"><strong>Rude or abusive</strong>: A reasonable person would find it insulting, hateful or threatening.</label></div><div class="form-check"><input class="form-check-input" type="radio" name="reason" id="flag-c7-OffTopic" value="OffTopic" required />
                                    <label class="form-check-label" for="flag-c7-OffTopic"><strong>Off-topic</strong>: Not about the company&#x27;s products or services.</label></div><div class="form-check"><input class="form-check-input" type="radio" name="reason" id="flag-c7-NeedsStaffAttention" value="NeedsStaffAttention" required />
                                    <label class="form-check-label" for="flag-c7-NeedsStaffAttention"><strong>Needs staff attention</strong>: Something the company&#x27;s staff should look at (a bug, an outage, an account problem).</label></div><div class="form-check"><input class="form-check-input" type="radio" name="reason" id="flag-c7-Other" value="Other" required />
                                    <label class="form-check-label" for="flag-c7-Other"><strong>Something else</strong>: Something else a moderator should know: say what in the note.</label></div></fieldset>
                        <label for="flag-note-c7">Note for the moderators (needed for “something else”)</label>
                        <textarea id="flag-note-c7" name="note" rows="2" maxlength="500" class="form-control form-control-sm"></textarea>
                        <button type="submit" class="btn btn-sm btn-outline-danger">Flag this comment</button></form></details>
        """;

    [Fact]
    public async Task AnAnswersFlagFormIsTheTemplatesMarkupWithItsValuesEncoded()
    {
        var token = new AntiforgeryRequestToken("CfDJ8<&\"'>token", "__RequestVerificationToken");

        var html = await RenderAsync(FlagForm.Render(42, null, "answer", "questions/5/a-b?x=1&y=\"2\"#answer-42", token));

        Assert.Equal(AnswerFlagWithToken, html);
    }

    [Fact]
    public async Task ACommentsFlagFormWithoutATokenIsTheTemplatesMarkup()
    {
        var html = await RenderAsync(FlagForm.Render(null, 7, "comment", "questions/5/<b>", null));

        Assert.Equal(CommentFlagWithoutToken, html);
    }
}
