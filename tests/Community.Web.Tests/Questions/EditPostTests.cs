using System.Net;
using AngleSharp.Html.Dom;
using Community.Domain.Posting;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Questions;

/// <summary>/posts/{id}/edit: the author and moderators edit, others below the privilege suggest; each save is a revision; an edit from a stale version is refused, not lost.</summary>
public sealed class EditPostTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string AddedLine = "Update: a factory reset of the hallway Point did not help either.";

    [Fact]
    public async Task AMemberBelowTheEditPrivilegeGetsTheSuggestionFormNotTheEditForm()
    {
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var (id, path) = await expert.AskAsync(QuestionForms.UniqueTitle("Not yours to edit"));
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        Assert.Equal("Suggest edit", (await customer.GetDocumentAsync(path)).QuerySelector($"#question-{id} .post-actions a[href='posts/{id}/edit']")!.TextContent);

        var page = await customer.GetDocumentAsync($"/posts/{id}/edit");

        Assert.Equal("Suggest an edit of this question", page.QuerySelector("main h1")!.TextContent);
        Assert.Contains("Your edit will be a suggestion", page.QuerySelector(".notice-suggestion")!.TextContent);
        Assert.True(page.GetElementById("edit-summary")!.HasAttribute("required"));
        Assert.Equal("Suggest edit", page.QuerySelector("form.post-form button[type=submit]")!.TextContent);
    }

    [Fact]
    public async Task AnotherMembersSaveOfTheAuthorsFormNeverChangesThePostItCanOnlyWaitForReview()
    {
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var (id, path) = await expert.AskAsync(QuestionForms.UniqueTitle("Forged edit"));
        var authorsForm = await expert.GetDocumentAsync($"/posts/{id}/edit");
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var token = QuestionForms.AntiforgeryToken(await customer.GetDocumentAsync(path));

        // The author's form, filled and posted by the customer with the customer's own token, without a summary.
        var forged = await customer.PostFormAsync($"/posts/{id}/edit", authorsForm, QuestionForms.Handler("edit"),
            new() { ["__RequestVerificationToken"] = token, ["Input.Body"] = "Vandalised by someone who is not the author of it." });

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("Say what your edit improves", (await FormPoster.ParseAsync(forged)).QuerySelector("main")!.TextContent);
        var question = await factory.CreateClient().GetDocumentAsync(path);
        Assert.Contains("blinks amber", question.QuerySelector($"#question-{id} .markdown")!.TextContent);
        Assert.DoesNotContain("Vandalised", question.QuerySelector($"#question-{id} .markdown")!.TextContent);

        // The same post by the author goes through: it is who posts that decides, not the post.
        var own = await expert.PostFormAsync($"/posts/{id}/edit", authorsForm, QuestionForms.Handler("edit"),
            new() { ["Input.Body"] = "Rewritten by its own author, who may do that any time." }, oneAntiforgeryToken: true);
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Contains("Rewritten by its own author", (await expert.FollowAsync(own)).QuerySelector($"#question-{id} .markdown")!.TextContent);
    }

    [Fact]
    public async Task TheAuthorEditsAndTheRevisionHistoryShowsTheAddedLine()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var title = QuestionForms.UniqueTitle("Edited question");
        var (id, path) = await customer.AskAsync(title);
        var question = await customer.GetDocumentAsync(path);
        Assert.NotNull(question.QuerySelector($"#question-{id} .post-actions a[href='posts/{id}/edit']"));
        Assert.Null(question.QuerySelector($"#question-{id} .post-actions a[href='posts/{id}/revisions']"));

        var form = await customer.GetDocumentAsync($"/posts/{id}/edit");
        Assert.Equal("Edit question", form.QuerySelector("main h1")!.TextContent);
        Assert.Equal(title, form.GetElementById("edit-title")!.GetAttribute("value"));
        Assert.Equal(Demo.Body, ((IHtmlTextAreaElement)form.GetElementById("edit-body")!).Value);
        Assert.Equal("firmware hardware", form.GetElementById("edit-tags")!.GetAttribute("value"));

        var response = await customer.PostFormAsync($"/posts/{id}/edit", form, QuestionForms.Handler("edit"),
            new() { ["Input.Body"] = Demo.Body + "\n\n" + AddedLine, ["Input.Summary"] = "added the reset" }, oneAntiforgeryToken: true);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(path, response.Headers.Location!.OriginalString);
        var edited = await customer.FollowAsync(response);
        Assert.Contains(AddedLine, edited.QuerySelector($"#question-{id} .markdown")!.TextContent);
        Assert.NotNull(edited.QuerySelector($"#question-{id} .post-actions a[href='posts/{id}/revisions']"));

        // The history is public for a visible post.
        var history = await factory.CreateClient().GetDocumentAsync($"/posts/{id}/revisions");
        Assert.Equal("History", history.QuerySelector("main h1")!.TextContent);
        Assert.Equal(["Revision 2", "Revision 1"], history.QuerySelectorAll(".revision h2").Select(h => h.TextContent));
        var second = history.GetElementById("revision-2")!;
        Assert.Contains("Edited by", second.QuerySelector(".revision-meta")!.TextContent);
        Assert.Contains("Dana Whitfield", second.QuerySelector(".revision-meta")!.TextContent);
        Assert.Equal(": added the reset", second.QuerySelector(".revision-summary")!.TextContent);
        var added = second.QuerySelectorAll(".diff .diff-added").Select(s => s.TextContent.TrimEnd('\n')).ToList();
        Assert.Contains("+ " + AddedLine, added);
        Assert.Empty(second.QuerySelectorAll(".diff .diff-removed"));
        Assert.Contains(second.QuerySelectorAll(".diff .diff-unchanged"), s => s.TextContent.Contains("blinks amber"));
        Assert.DoesNotContain(AddedLine, history.GetElementById("revision-1")!.TextContent);
    }

    [Fact]
    public async Task SavingFromAStaleVersionShowsTheConflictAndKeepsTheTypedText()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Two editors"));
        var staleForm = await customer.GetDocumentAsync($"/posts/{id}/edit");
        Assert.Equal("1", QuestionForms.FieldsOf(staleForm.FindForm(QuestionForms.Handler("edit")))["Input.Version"]);

        // Meanwhile the post moves on to version 2 (a moderator, or the author in another tab).
        var moderator = await factory.SignedInClientAsync(Demo.Moderator);
        var meanwhile = await moderator.PostFormAsync($"/posts/{id}/edit", await moderator.GetDocumentAsync($"/posts/{id}/edit"),
            QuestionForms.Handler("edit"), new() { ["Input.Body"] = Demo.Body + "\n\nModerator: please add your firmware version.", ["Input.Summary"] = "asked for details" }, oneAntiforgeryToken: true);
        Assert.Equal(HttpStatusCode.Redirect, meanwhile.StatusCode);

        const string typed = "My own rewrite: the Beacon Point blinks amber, firmware 4.2.1, after every nightly update.";
        var response = await customer.PostFormAsync($"/posts/{id}/edit", staleForm, QuestionForms.Handler("edit"), new() { ["Input.Body"] = typed }, oneAntiforgeryToken: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormPoster.ParseAsync(response);
        var alert = page.QuerySelector("form .alert")!;
        Assert.Equal(EditPost.ConflictMessage, alert.TextContent);
        Assert.Contains("alert-warning", alert.ClassList);
        Assert.Equal(typed, ((IHtmlTextAreaElement)page.GetElementById("edit-body")!).Value);
        Assert.Equal("2", QuestionForms.FieldsOf(page.FindForm(QuestionForms.Handler("edit")))["Input.Version"]);
        Assert.Contains("Moderator: please add", (await customer.GetDocumentAsync(path)).QuerySelector($"#question-{id} .markdown")!.TextContent);

        // Saving again from the re-shown form goes through: it now carries the current version.
        var retry = await customer.PostFormAsync($"/posts/{id}/edit", page, QuestionForms.Handler("edit"), oneAntiforgeryToken: true);
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        var saved = await customer.FollowAsync(retry);
        Assert.Contains("firmware 4.2.1", saved.QuerySelector($"#question-{id} .markdown")!.TextContent);
        var history = await customer.GetDocumentAsync($"/posts/{id}/revisions");
        Assert.Equal(3, history.QuerySelectorAll(".revision").Length);
    }
}
