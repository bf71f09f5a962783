using Community.Domain.Accounts;
using Community.Domain.Notices;
using Community.Domain.Notifications;
using Community.Domain.Persistence;
using Community.Domain.Questions;

namespace Community.Domain.Demo;

/// <summary>
/// Notifications in the demo: askers and answerers follow their threads, the expert follows a tag, and the customer and the
/// expert find the latest answers to their questions and acceptances of their answers waiting in their notifications.
/// </summary>
internal static class DemoNotifications
{
    public const string FollowedTag = "wifi-coverage";
    private const int Latest = 4;

    public static void Seed(CommunityDbContext db, IReadOnlyDictionary<string, CommunityUser> people, DateTime now)
    {
        var questions = db.ChangeTracker.Entries<Question>().Select(e => e.Entity).ToList();
        foreach (var question in questions)
            foreach (var userId in question.Answers.Select(a => a.AuthorId).Prepend(question.AuthorId).Distinct())
                db.Follows.Add(new Follow { UserId = userId, QuestionId = question.Id, CreatedAt = question.CreatedAt });

        var expert = people[DemoContent.Accounts[1].DisplayName];
        if (db.ChangeTracker.Entries<Tag>().Select(e => e.Entity).FirstOrDefault(t => t.Name == FollowedTag) is { } tag)
            db.Follows.Add(new Follow { UserId = expert.Id, TagId = tag.Id, CreatedAt = now.AddDays(-30) });

        var names = people.Values.ToDictionary(u => u.Id, u => u.DisplayName);
        foreach (var member in new[] { people[DemoContent.Accounts[0].DisplayName], expert })
        {
            var answersToThem = questions.Where(q => q.AuthorId == member.Id)
                .SelectMany(q => q.Answers.Where(a => a.AuthorId != member.Id).Select(a => (Question: q, Answer: a)))
                .OrderByDescending(x => x.Answer.CreatedAt).Take(Latest).ToList();
            foreach (var (question, answer) in answersToThem)
                db.Notices.Add(new Notice
                {
                    UserId = member.Id, Kind = NotificationKind.AnswerOnYourQuestion, QuestionId = question.Id, ActorId = answer.AuthorId,
                    Text = $"{names[answer.AuthorId]} answered your question “{question.Title}”",
                    Link = $"questions/{question.Id}/{Slug.From(question.Title)}#answer-{answer.Id}",
                    CreatedAt = answer.CreatedAt, ReadAt = answer == answersToThem[0].Answer ? null : answer.CreatedAt.AddHours(2),
                });
            var acceptedOfTheirs = questions.Where(q => q.AcceptedAnswerId is not null)
                .Select(q => (Question: q, Answer: q.Answers.Single(a => a.Id == q.AcceptedAnswerId)))
                .Where(x => x.Answer.AuthorId == member.Id && x.Question.AuthorId != member.Id)
                .OrderByDescending(x => x.Answer.CreatedAt).Take(Latest);
            foreach (var (question, answer) in acceptedOfTheirs)
                db.Notices.Add(new Notice
                {
                    UserId = member.Id, Kind = NotificationKind.AnswerAccepted, QuestionId = question.Id, ActorId = question.AuthorId,
                    Text = $"{names[question.AuthorId]} accepted your answer to “{question.Title}”",
                    Link = $"questions/{question.Id}/{Slug.From(question.Title)}#answer-{answer.Id}",
                    CreatedAt = Min(now, answer.CreatedAt.AddHours(6)),
                });
        }
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
