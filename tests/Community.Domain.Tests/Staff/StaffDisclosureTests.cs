using Community.Domain.Accounts;
using Community.Domain.Comments;
using Community.Domain.Posting;
using Community.Domain.Staff;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Staff;

/// <summary>Each post keeps the disclosure its author had when writing it, whatever happens to their role later.</summary>
public sealed class StaffDisclosureTests
{
    private static CancellationToken Ct => TestForum.Ct;
    private static readonly StaffDisclosureInput Support = new("Sam Ortega", "Support engineer", "Technical support", null, null);

    private static async Task<(TestForum Forum, ManageStaff Manage, Actor Admin)> ForumAsync()
    {
        var forum = await TestForum.CreateAsync();
        await using (var db = forum.Db())
            await RoleSeeder.EnsureRolesAsync(db, Ct);
        return (forum, new ManageStaff(forum.Database, forum.Time), await forum.MemberAsync("The Admin"));
    }

    [Fact]
    public async Task AStaffAnswerCarriesTheNameTitleAndCompany()
    {
        var (forum, manage, admin) = await ForumAsync();
        await using var _ = forum;
        var asker = await forum.MemberAsync();
        var staff = await forum.MemberAsync("Sam O");
        await manage.GrantAsync(admin, true, staff.UserId, Support, Ct);
        var question = await forum.AskAsync(asker);

        var answer = await forum.AnswerAsync(staff, question);

        Assert.Equal(new StaffDisclosure("Sam Ortega", "Support engineer", "Technical support", CompanyOptions.Unnamed.Name), (await forum.PostAsync(answer)).StaffDisclosure);
        Assert.Null((await forum.PostAsync(question)).StaffDisclosure);
    }

    [Fact]
    public async Task RevokingKeepsTheDisclosureOnEarlierPostsButNotOnLaterOnes()
    {
        var (forum, manage, admin) = await ForumAsync();
        await using var _ = forum;
        var staff = await forum.MemberAsync("Leaving Soon");
        await manage.GrantAsync(admin, true, staff.UserId, Support, Ct);
        var question = await forum.AskAsync(await forum.MemberAsync());
        var before = await forum.AnswerAsync(staff, question);

        Assert.True((await manage.RevokeAsync(admin, true, staff.UserId, Ct)).Succeeded);
        var after = await forum.AnswerAsync(staff, question, TestForum.AnswerBody + " And one more thing.");

        Assert.NotNull((await forum.PostAsync(before)).StaffDisclosure);
        Assert.Null((await forum.PostAsync(after)).StaffDisclosure);
        await using var db = forum.Db();
        Assert.False(await db.UserRoles.AnyAsync(ur => ur.UserId == staff.UserId, Ct));
        Assert.NotNull((await db.StaffProfiles.SingleAsync(p => p.UserId == staff.UserId, Ct)).EndedAt);
    }

    [Fact]
    public async Task AMemberWhoLaterJoinsStaffDoesNotMarkTheirEarlierPosts()
    {
        var (forum, manage, admin) = await ForumAsync();
        await using var _ = forum;
        var member = await forum.MemberAsync("Future Hire");
        var earlier = await forum.AskAsync(member);

        await manage.GrantAsync(admin, true, member.UserId, Support, Ct);
        var later = await forum.AskAsync(member, "Another question about the router", TestForum.QuestionBody);

        Assert.Null((await forum.PostAsync(earlier)).StaffDisclosure);
        Assert.NotNull((await forum.PostAsync(later)).StaffDisclosure);
    }

    [Fact]
    public async Task EditingAStaffPostKeepsItsDisclosureEvenAfterTheRoleIsGone()
    {
        var (forum, manage, admin) = await ForumAsync();
        await using var _ = forum;
        var staff = await forum.MemberAsync("Editor Staff");
        await manage.GrantAsync(admin, true, staff.UserId, Support, Ct);
        var question = await forum.AskAsync(staff);
        await manage.RevokeAsync(admin, true, staff.UserId, Ct);

        var edit = await forum.Edit.ExecuteAsync(staff, new EditPostCommand(question, 1, TestForum.QuestionBody + " Edited later.", TestForum.QuestionTitle, ["wifi"]), Ct);

        Assert.True(edit.Succeeded, edit.Message);
        Assert.Equal("Sam Ortega", (await forum.PostAsync(question)).StaffDisclosure?.Name);
    }

    [Fact]
    public async Task StaffCommentsAreDisclosedAndTheFirstStaffResponseIsRecorded()
    {
        var (forum, manage, admin) = await ForumAsync();
        await using var _ = forum;
        var staff = await forum.MemberAsync("Commenting Staff");
        await manage.GrantAsync(admin, true, staff.UserId, Support, Ct);
        var question = await forum.AskAsync(await forum.MemberAsync());
        forum.Time.Advance(TimeSpan.FromMinutes(42));

        var comment = await forum.Comment.ExecuteAsync(staff, new AddCommentCommand(question, "Which firmware version is on the router?"), Ct);
        forum.Time.Advance(TimeSpan.FromMinutes(5));
        await forum.AnswerAsync(staff, question);

        await using var db = forum.Db();
        Assert.NotNull((await db.Comments.SingleAsync(c => c.Id == comment.Value, Ct)).StaffDisclosure);
        var asked = await forum.QuestionAsync(question);
        Assert.Equal(staff.UserId, asked.FirstStaffResponderId);
        Assert.Equal(TestForum.Start.UtcDateTime.AddMinutes(42), asked.FirstStaffResponseAt);
    }

    [Theory]
    [InlineData("", "Support engineer", "Support", "RealName")]
    [InlineData("Sam Ortega", "", "Support", "JobTitle")]
    [InlineData("Sam Ortega", "Support engineer", "", "Team")]
    public void ADisclosureNeedsEveryFieldAReaderReliesOn(string name, string title, string team, string field) =>
        Assert.True(StaffRules.Problems(new StaffDisclosureInput(name, title, team, null, null)).ContainsKey(field));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/png;base64,AAAA")]
    [InlineData("/relative.png")]
    public void APhotoMustBeAnHttpAddress(string url) => Assert.NotNull(StaffRules.PhotoProblem(url));

    [Fact]
    public async Task OnlyAdminsManageStaffAndEveryStepIsAudited()
    {
        var (forum, manage, admin) = await ForumAsync();
        await using var _ = forum;
        var member = await forum.MemberAsync("Hopeful");

        Assert.Equal(WriteFailure.Forbidden, (await manage.GrantAsync(member, false, member.UserId, Support, Ct)).Failure);
        await manage.GrantAsync(admin, true, member.UserId, Support, Ct);
        await manage.GrantAsync(admin, true, member.UserId, Support with { JobTitle = "Senior support engineer" }, Ct);
        await manage.RevokeAsync(admin, true, member.UserId, Ct);

        await using var db = forum.Db();
        var audit = await db.StaffAudit.Where(a => a.TargetUserId == member.UserId).OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal([StaffAuditAction.Granted, StaffAuditAction.DisclosureChanged, StaffAuditAction.Revoked], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(admin.UserId, a.ActorId));
        Assert.Contains("Senior support engineer", audit[1].Details);
    }

    [Fact]
    public async Task StaffMarkAnAnswerOfficialAndMembersCannot()
    {
        var (forum, manage, admin) = await ForumAsync();
        await using var _ = forum;
        var staff = await forum.MemberAsync("Official Voice");
        await manage.GrantAsync(admin, true, staff.UserId, Support, Ct);
        var asker = await forum.MemberAsync();
        var answerer = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        var answer = await forum.AnswerAsync(answerer, question);
        await forum.Accept.AcceptAsync(asker, answer, Ct);
        var official = new MarkOfficialAnswer(forum.Database, forum.Time);

        Assert.Equal(WriteFailure.Forbidden, (await official.MarkAsync(answerer, answer, Ct)).Failure);
        Assert.True((await official.MarkAsync(staff, answer, Ct)).Succeeded);

        var marked = await forum.QuestionAsync(question);
        Assert.Equal(answer, marked.OfficialAnswerId);
        Assert.Equal(answer, marked.AcceptedAnswerId);
    }

    [Fact]
    public async Task StaffMayEditTheirPhotoAndBioButNotTheirDisclosure()
    {
        var (forum, manage, admin) = await ForumAsync();
        await using var _ = forum;
        var staff = await forum.MemberAsync("Photo Person");
        await manage.GrantAsync(admin, true, staff.UserId, Support, Ct);

        Assert.True((await manage.UpdateOwnProfileAsync(staff, "https://cdn.example/sam.jpg", "Wi-Fi whisperer.", Ct)).Succeeded);

        await using var db = forum.Db();
        var profile = await db.StaffProfiles.SingleAsync(p => p.UserId == staff.UserId, Ct);
        Assert.Equal(("https://cdn.example/sam.jpg", "Wi-Fi whisperer.", "Sam Ortega", "Support engineer"), (profile.PhotoUrl, profile.Bio, profile.RealName, profile.JobTitle));
        Assert.Equal(WriteFailure.Invalid, (await manage.UpdateOwnProfileAsync(staff, "javascript:alert(1)", null, Ct)).Failure);
    }
}
