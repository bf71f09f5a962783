using System.Text.Json;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;

namespace Community.Web.Tests.Staff;

/// <summary>
/// The question page's schema.org QAPage data carries the disclosure to search engines: a staff author is a Person
/// with a jobTitle and an <c>affiliation</c> (the company); a member is a Person without either.
/// </summary>
public sealed class StaffJsonLdTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private const string StaffAnswer = "This is a known issue with 4.2.0 that 4.2.1 fixes; it rolls out this week. — Sam, Brightwave support";
    private const string MemberAnswer = "Open the Beacon app, go to Settings > Firmware and move the update window to 3am; the amber light is the update retrying.";

    private async Task<(HttpClient Customer, int QuestionId, string Path, int StaffAnswerId, int MemberAnswerId)> AnsweredByStaffAndMemberAsync(string what)
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle(what));
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var memberAnswerId = await expert.AnswerAsync(path, MemberAnswer);
        var sam = await factory.SignedInClientAsync(Sam.Email);
        var staffAnswerId = await sam.AnswerAsync(path, StaffAnswer);
        return (customer, id, path, staffAnswerId, memberAnswerId);
    }

    private static JsonElement AnswerWithId(JsonElement question, int answerId) =>
        StaffSite.JsonLdAnswers(question).Single(a => a.GetProperty("url").GetString()!.EndsWith($"#answer-{answerId}", StringComparison.Ordinal));

    private static void AssertStaffPerson(JsonElement author, string samId)
    {
        Assert.Equal("Person", author.GetProperty("@type").GetString());
        Assert.Equal(Sam.Name, author.GetProperty("name").GetString());
        Assert.Equal(Sam.Title, author.GetProperty("jobTitle").GetString());
        Assert.EndsWith($"/staff/{samId}", author.GetProperty("url").GetString());
        var affiliation = author.GetProperty("affiliation");
        Assert.Equal("Organization", affiliation.GetProperty("@type").GetString());
        Assert.Equal(Sam.Company, affiliation.GetProperty("name").GetString());
    }

    private static void AssertMemberPerson(JsonElement author, string memberId, string name)
    {
        Assert.Equal("Person", author.GetProperty("@type").GetString());
        Assert.Equal(name, author.GetProperty("name").GetString());
        Assert.EndsWith($"/users/{memberId}", author.GetProperty("url").GetString());
        Assert.False(author.TryGetProperty("affiliation", out _), $"A member's author data has an affiliation: {author}");
        Assert.False(author.TryGetProperty("jobTitle", out _), $"A member's author data has a job title: {author}");
    }

    [Fact]
    public async Task AStaffAnswersAuthorIsAffiliatedWithTheCompanyAndAMembersAnswersAuthorIsNot()
    {
        var (_, _, path, staffAnswerId, memberAnswerId) = await AnsweredByStaffAndMemberAsync("Structured data with staff");
        var samId = await factory.UserIdAsync(Sam.Email);
        var expertId = await factory.UserIdAsync(Demo.Expert);
        var customerId = await factory.UserIdAsync(Demo.Customer);

        using var data = (await factory.CreateClient().GetDocumentAsync(path)).JsonLd();

        var root = data.RootElement;
        Assert.Equal("https://schema.org", root.GetProperty("@context").GetString());
        Assert.Equal("QAPage", root.GetProperty("@type").GetString());
        var question = root.GetProperty("mainEntity");
        Assert.Equal("Question", question.GetProperty("@type").GetString());
        Assert.Equal(2, question.GetProperty("answerCount").GetInt32());
        AssertMemberPerson(question.GetProperty("author"), customerId, StaffSite.CustomerName);
        Assert.False(question.TryGetProperty("acceptedAnswer", out _));

        var staff = AnswerWithId(question, staffAnswerId);
        Assert.Equal("Answer", staff.GetProperty("@type").GetString());
        Assert.Contains("4.2.1 fixes", staff.GetProperty("text").GetString());
        AssertStaffPerson(staff.GetProperty("author"), samId);

        AssertMemberPerson(AnswerWithId(question, memberAnswerId).GetProperty("author"), expertId, StaffSite.ExpertName);
    }

    [Fact]
    public async Task AnAcceptedStaffAnswerKeepsItsAffiliationInTheAcceptedAnswer()
    {
        var (customer, _, path, staffAnswerId, memberAnswerId) = await AnsweredByStaffAndMemberAsync("Structured data with an accepted staff answer");
        var samId = await factory.UserIdAsync(Sam.Email);
        await customer.FollowAsync(await customer.PostFormAsync(path, await customer.GetDocumentAsync(path), QuestionForms.Action($"answers/{staffAnswerId}/accept")));

        using var data = (await factory.CreateClient().GetDocumentAsync(path)).JsonLd();

        var question = data.RootElement.GetProperty("mainEntity");
        var accepted = question.GetProperty("acceptedAnswer");
        Assert.EndsWith($"#answer-{staffAnswerId}", accepted.GetProperty("url").GetString());
        AssertStaffPerson(accepted.GetProperty("author"), samId);
        var suggested = Assert.Single(question.GetProperty("suggestedAnswer").EnumerateArray());
        Assert.EndsWith($"#answer-{memberAnswerId}", suggested.GetProperty("url").GetString());
        Assert.False(suggested.GetProperty("author").TryGetProperty("affiliation", out _));
    }

    [Fact]
    public async Task AQuestionAskedByStaffNamesTheCompanyAsItsAuthorsAffiliation()
    {
        var samId = await factory.UserIdAsync(Sam.Email);
        var sam = await factory.SignedInClientAsync(Sam.Email);
        var (_, path) = await sam.AskAsync(QuestionForms.UniqueTitle("Structured data of a staff question"));

        using var data = (await factory.CreateClient().GetDocumentAsync(path)).JsonLd();

        Assert.Equal("QAPage", data.RootElement.GetProperty("@type").GetString());
        AssertStaffPerson(data.RootElement.GetProperty("mainEntity").GetProperty("author"), samId);
    }
}
