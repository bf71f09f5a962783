using Community.Domain.Accounts;
using Community.Domain.Escalations;
using Community.Domain.Posting;
using Community.Domain.Questions;
using Community.Domain.Tests.Posting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Escalations;

/// <summary>A <see cref="TestForum"/> with roles, a default staff team, a staff member on it, and the escalation services.</summary>
public sealed class EscalationForum : IAsyncDisposable
{
    private EscalationForum(TestForum forum, ResponseClockOptions clock)
    {
        Forum = forum;
        Clock = clock;
        Detector = new PersonalDataDetector();
        Escalate = new EscalateQuestion(forum.Database, forum.Time);
        Work = new WorkOnEscalation(forum.Database, forum.Time);
        Answers = new AnswerQuestion(forum.Database, forum.Markdown, forum.Limits, forum.Time);
        Resolve = new ResolveEscalation(forum.Database, Answers, forum.Time);
        Rate = new RateEscalation(forum.Database, forum.Time);
        FollowUps = new PrivateFollowUps(forum.Database, Escalate, forum.Limits, forum.Time);
        Sweep = new ResponseClockSweep(forum.Database, Escalate, clock, forum.Time);
        Queries = new EscalationQueries(forum.Database, forum.Time);
        Teams = new ManageTeams(forum.Database, forum.Time);
        Metrics = new DeskMetrics(forum.Database, forum.Time);
    }

    public TestForum Forum { get; }
    public ResponseClockOptions Clock { get; }
    public PersonalDataDetector Detector { get; }
    public EscalateQuestion Escalate { get; }
    public WorkOnEscalation Work { get; }
    public AnswerQuestion Answers { get; }
    public ResolveEscalation Resolve { get; }
    public RateEscalation Rate { get; }
    public PrivateFollowUps FollowUps { get; }
    public ResponseClockSweep Sweep { get; }
    public EscalationQueries Queries { get; }
    public ManageTeams Teams { get; }
    public DeskMetrics Metrics { get; }

    public Actor Staff { get; private set; } = null!;
    public Actor Moderator { get; private set; } = null!;
    public Actor Admin { get; private set; } = null!;
    public int DefaultTeamId { get; private set; }

    public static CancellationToken Ct => TestForum.Ct;
    public DateTime Now => Forum.Time.GetUtcNow().UtcDateTime;

    public static async Task<EscalationForum> CreateAsync(ResponseClockOptions? clock = null)
    {
        var forum = new EscalationForum(await TestForum.CreateAsync(), clock ?? new ResponseClockOptions());
        await using (var db = forum.Forum.Db())
            await RoleSeeder.EnsureRolesAsync(db, Ct);
        forum.Admin = await forum.WithRoleAsync(await forum.Forum.MemberAsync("Alex Admin"), Roles.Admin);
        forum.Staff = await forum.WithRoleAsync(await forum.Forum.MemberAsync("Sam Staff"), Roles.Staff);
        forum.Moderator = await forum.WithRoleAsync(await forum.Forum.MemberAsync("Mo Moderator"), Roles.Moderator);
        var team = await forum.Teams.SaveAsync(forum.Admin, new TeamInput(null, "Technical support", 60, 240, 1440, true), Ct);
        Assert.True(team.Succeeded, team.Message);
        forum.DefaultTeamId = team.Value;
        Assert.True((await forum.Teams.AddMemberAsync(forum.Admin, team.Value, "Sam Staff", Ct)).Succeeded);
        return forum;
    }

    public async Task<Actor> WithRoleAsync(Actor member, string role)
    {
        await using var db = Forum.Db();
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync(Ct);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = member.UserId, RoleId = roleId });
        await db.SaveChangesAsync(Ct);
        return new Actor(member.UserId, role is Roles.Moderator or Roles.Staff or Roles.Admin);
    }

    public async Task<int> EscalatedAsync(int questionId, EscalationPriority priority = EscalationPriority.Normal)
    {
        var result = await Escalate.ExecuteAsync(Moderator, new EscalateCommand(questionId, null, priority, "Needs a look"), Ct);
        Assert.True(result.Succeeded, result.Message);
        return result.Value;
    }

    public async Task<Escalation> EscalationAsync(int id)
    {
        await using var db = Forum.Db();
        return await db.Escalations.AsNoTracking().Include(e => e.Notes).SingleAsync(e => e.Id == id, Ct);
    }

    public async Task<List<Escalation>> EscalationsOfAsync(int questionId)
    {
        await using var db = Forum.Db();
        return await db.Escalations.AsNoTracking().Where(e => e.QuestionId == questionId).ToListAsync(Ct);
    }

    public ValueTask DisposeAsync() => Forum.DisposeAsync();
}
