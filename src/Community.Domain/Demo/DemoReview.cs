using Community.Domain.Accounts;
using Community.Domain.Persistence;
using Community.Domain.Questions;
using Community.Domain.Reputation;
using Community.Domain.Revisions;

namespace Community.Domain.Demo;

/// <summary>
/// The community review queues in the demo: a suggested edit from the customer waiting for the expert (or a moderator)
/// at /review, and an unanswered question with two of the three votes needed to close it.
/// </summary>
internal static class DemoReview
{
    /// <summary>
    /// Long-time members whose reputation came over from the company's previous forum: the two old-timers just enough to
    /// vote to close, the expert a little more (she stays the top contributor, and her vote can decide the demo's close).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> CarriedOverTo = new Dictionary<string, int>
    {
        ["Oliver Brennan"] = 3_050,
        ["Jamal Carter"] = 3_120,
    };

    public const int ExpertCarriedOver = 1_000;

    public const string SuggestionSummary = "Added where the setting is in the app";

    public static void Seed(CommunityDbContext db, IReadOnlyDictionary<string, CommunityUser> people, DateTime now)
    {
        CarryOver(db, people[DemoContent.Accounts[1].DisplayName], ExpertCarriedOver);
        foreach (var (name, target) in CarriedOverTo)
            CarryOver(db, people[name], Math.Max(0, target - people[name].Reputation));

        var customer = people[DemoContent.Accounts[0].DisplayName];
        var questions = db.ChangeTracker.Entries<Question>().Select(e => e.Entity).OrderBy(q => q.CreatedAt).ToList();
        var answer = questions.SelectMany(q => q.Answers).First(a => a.AuthorId != customer.Id && a.Body.Length > 80
            && !CarriedOverTo.Keys.Any(name => people[name].Id == a.AuthorId));
        db.SuggestedEdits.Add(new SuggestedEdit
        {
            PostId = answer.Id, SuggesterId = customer.Id, BaseVersion = answer.Version, State = SuggestedEditState.Pending,
            Body = answer.Body + "\n\nIn the Beacon app this is under **Settings → Network → Advanced**.",
            Summary = SuggestionSummary, CreatedAt = now.AddHours(-5),
        });

        var open = questions.Last(q => q.AcceptedAnswerId is null && q.ClosedAt is null && q.Answers.Count == 0);
        var hours = 3;
        foreach (var name in CarriedOverTo.Keys)
            db.CloseVotes.Add(new CloseVote
            {
                QuestionId = open.Id, VoterId = people[name].Id, Kind = CloseVoteKind.Close, Reason = CloseReason.NeedsDetails,
                CreatedAt = now.AddHours(-hours--),
            });
    }

    private static void CarryOver(CommunityDbContext db, CommunityUser member, int points)
    {
        db.ReputationEntries.Add(new ReputationEntry
        {
            UserId = member.Id, Amount = points, Reason = ReputationReason.CarriedOver, SourceKey = $"carried-over:{member.Id}", CreatedAt = member.CreatedAt,
        });
        member.ReputationPoints += points;
        member.Reputation = ReputationRules.Total(member.ReputationPoints);
    }
}
