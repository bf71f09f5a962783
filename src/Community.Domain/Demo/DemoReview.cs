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
    /// <summary>Long-time members whose reputation came over from the company's previous forum: enough to vote to close.</summary>
    public static readonly IReadOnlyList<string> CarriedOver = ["Oliver Brennan", "Jamal Carter"];
    public const int CarriedOverPoints = 3_000;

    public const string SuggestionSummary = "Added where the setting is in the app";

    public static void Seed(CommunityDbContext db, IReadOnlyDictionary<string, CommunityUser> people, DateTime now)
    {
        foreach (var name in CarriedOver)
        {
            var member = people[name];
            db.ReputationEntries.Add(new ReputationEntry
            {
                UserId = member.Id, Amount = CarriedOverPoints, Reason = ReputationReason.Bonus, SourceKey = $"carried-over:{member.Id}",
                CreatedAt = member.CreatedAt,
            });
            member.ReputationPoints += CarriedOverPoints;
            member.Reputation = ReputationRules.Total(member.ReputationPoints);
        }

        var customer = people[DemoContent.Accounts[0].DisplayName];
        var questions = db.ChangeTracker.Entries<Question>().Select(e => e.Entity).OrderBy(q => q.CreatedAt).ToList();
        var answer = questions.SelectMany(q => q.Answers).First(a => a.AuthorId != customer.Id && a.Body.Length > 80
            && !CarriedOver.Any(name => people[name].Id == a.AuthorId));
        db.SuggestedEdits.Add(new SuggestedEdit
        {
            PostId = answer.Id, SuggesterId = customer.Id, BaseVersion = answer.Version, State = SuggestedEditState.Pending,
            Body = answer.Body + "\n\nIn the Beacon app this is under **Settings → Network → Advanced**.",
            Summary = SuggestionSummary, CreatedAt = now.AddHours(-5),
        });

        var open = questions.Last(q => q.AcceptedAnswerId is null && q.ClosedAt is null && q.Answers.Count == 0);
        for (var i = 0; i < CarriedOver.Count; i++)
            db.CloseVotes.Add(new CloseVote
            {
                QuestionId = open.Id, VoterId = people[CarriedOver[i]].Id, Kind = CloseVoteKind.Close, Reason = CloseReason.NeedsDetails,
                CreatedAt = now.AddHours(-3 + i),
            });
    }
}
