using Community.Domain.Badges;
using Community.Domain.Moderation;
using Community.Domain.Notices;
using Community.Domain.Posting;
using Community.Domain.Questions;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Moderation;

/// <summary>Records what was handed to staff, for the "needs staff attention" tests.</summary>
internal sealed class RecordingHandoff : IStaffAttentionHandoff
{
    public List<StaffAttentionRequest> Requests { get; } = [];

    public Task HandOffAsync(StaffAttentionRequest request, CancellationToken cancellationToken = default)
    {
        lock (Requests) Requests.Add(request);
        return Task.CompletedTask;
    }
}

/// <summary>A <see cref="TestForum"/> with the moderation services, built the way the app builds them, and shortcuts.</summary>
internal sealed class ModerationForum : IAsyncDisposable
{
    private ModerationForum(TestForum forum, ModerationOptions options)
    {
        Forum = forum;
        Options = options;
        Gate = new ModerationGate(options, forum.Time);
        Notices = new MemberNotices(forum.Database, forum.Privileges, forum.Time);
        Sanctions = new SanctionMember(forum.Database, Gate, Notices, forum.Time);
        Flags = new RaiseFlag(forum.Database, Gate, forum.Privileges, forum.Time);
        Handle = new HandleFlags(forum.Database, Sanctions, forum.Ledger, Notices, Handoff, forum.Privileges, forum.Time, new BadgeAwarder(forum.Database, forum.Time));
        Queue = new ReviewQueue(forum.Database, forum.Privileges, forum.Time);
        MyFlags = new MyFlags(forum.Database, options, forum.Time);
        WatchList = new WatchList(forum.Database, forum.Time);
        Ask = new AskQuestion(forum.Database, forum.Markdown, forum.Limits, forum.Time, gate: Gate);
        Answer = new AnswerQuestion(forum.Database, forum.Markdown, forum.Limits, forum.Time, gate: Gate);
        Edit = new EditPost(forum.Database, forum.Markdown, forum.Limits, forum.Time, gate: Gate);
        Comment = new Comments.AddComment(forum.Database, forum.Markdown, forum.Limits, forum.Privileges, forum.Time, gate: Gate);
        Vote = new global::Community.Domain.Voting.CastVote(forum.Database, forum.Limits, forum.Ledger, forum.Privileges, forum.Time, gate: Gate);
        Queries = new QuestionQueries(forum.Database);
    }

    public TestForum Forum { get; }
    public ModerationOptions Options { get; }
    public ModerationGate Gate { get; }
    public MemberNotices Notices { get; }
    public SanctionMember Sanctions { get; }
    public RaiseFlag Flags { get; }
    public RecordingHandoff Handoff { get; } = new();
    public HandleFlags Handle { get; }
    public ReviewQueue Queue { get; }
    public MyFlags MyFlags { get; }
    public WatchList WatchList { get; }
    public AskQuestion Ask { get; }
    public AnswerQuestion Answer { get; }
    public EditPost Edit { get; }
    public Comments.AddComment Comment { get; }
    public global::Community.Domain.Voting.CastVote Vote { get; }
    public QuestionQueries Queries { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ModerationForum> CreateAsync(ModerationOptions? options = null) =>
        new(await TestForum.CreateAsync(), options ?? new ModerationOptions());

    /// <summary>A question by one member and an answer by another; returns (asker, answerer, questionId, answerId).</summary>
    public async Task<(Actor Asker, Actor Answerer, int QuestionId, int AnswerId)> ThreadAsync()
    {
        var asker = await Forum.MemberAsync("Asker");
        var answerer = await Forum.MemberAsync("Spammy Answerer");
        var questionId = await Forum.AskAsync(asker);
        var answerId = await Forum.AnswerAsync(answerer, questionId);
        return (asker, answerer, questionId, answerId);
    }

    public async Task<long> FlagAsync(Actor flagger, int postId, FlagReason reason = FlagReason.Spam, string? note = null)
    {
        var result = await Flags.ExecuteAsync(flagger, new RaiseFlagCommand(FlagTarget.Post(postId), reason, note), Ct);
        Assert.True(result.Succeeded, result.Message);
        return result.Value!.FlagId;
    }

    public async Task<QueueItem> ItemAsync(Actor moderator, int postId) =>
        (await Queue.PendingAsync(moderator, Ct)).Single(i => i.Target.PostId == postId);

    public static HandleFlagsCommand Command(QueueItem item, FlagDecision decision, PostAction action = PostAction.None) =>
        new(item.Target, item.Flags.Select(f => f.Id).ToList(), decision, action);

    public async Task<List<global::Community.Domain.Audit.AuditEntry>> AuditAsync()
    {
        await using var db = Forum.Db();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Ct);
    }

    public async Task<List<Flag>> FlagsOnAsync(int postId)
    {
        await using var db = Forum.Db();
        return await db.Flags.AsNoTracking().Where(f => f.PostId == postId).OrderBy(f => f.Id).ToListAsync(Ct);
    }

    public ValueTask DisposeAsync() => Forum.DisposeAsync();
}
