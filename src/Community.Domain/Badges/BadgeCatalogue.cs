using static Community.Domain.Badges.BadgeLevel;
using static Community.Domain.Badges.BadgeRepeat;
using static Community.Domain.Badges.BadgeRule;

namespace Community.Domain.Badges;

/// <summary>
/// Every badge there is, with the thresholds of the large Q&amp;A sites scaled to a support forum. Tag badges are three
/// entries here (one per level) awarded once per tag: the tag is the award key, and the badge shows under the tag's name.
/// </summary>
public static class BadgeCatalogue
{
    public static readonly Badge Student = new(1, "student", "Student", Bronze, QuestionScore, 1, Once, "Asked a question with a positive score.");
    public static readonly Badge Teacher = new(2, "teacher", "Teacher", Bronze, AnswerScore, 1, Once, "Answered a question with a positive score.");
    public static readonly Badge Scholar = new(3, "scholar", "Scholar", Bronze, AcceptedOnOwnQuestions, 1, Once, "Accepted an answer to their own question.");
    public static readonly Badge Supporter = new(4, "supporter", "Supporter", Bronze, UpVotesCast, 1, Once, "Cast a first up vote.");
    public static readonly Badge Critic = new(5, "critic", "Critic", Bronze, DownVotesCast, 1, Once, "Cast a first down vote.");
    public static readonly Badge Editor = new(6, "editor", "Editor", Bronze, EditsMade, 1, Once, "Made a first edit to a post.");
    public static readonly Badge CitizenPatrol = new(7, "citizen-patrol", "Citizen Patrol", Bronze, HelpfulFlags, 1, Once, "Raised a first flag that moderators found helpful.");
    public static readonly Badge Yearling = new(8, "yearling", "Yearling", Silver, MembershipYears, 1, PerYear, "A member for a year; earned again each year.");

    public static readonly Badge NiceAnswer = new(10, "nice-answer", "Nice Answer", Bronze, AnswerScore, 10, PerPost, "An answer with a score of 10 or more.");
    public static readonly Badge GoodAnswer = new(11, "good-answer", "Good Answer", Silver, AnswerScore, 25, PerPost, "An answer with a score of 25 or more.");
    public static readonly Badge GreatAnswer = new(12, "great-answer", "Great Answer", Gold, AnswerScore, 100, PerPost, "An answer with a score of 100 or more.");
    public static readonly Badge NiceQuestion = new(13, "nice-question", "Nice Question", Bronze, QuestionScore, 10, PerPost, "A question with a score of 10 or more.");
    public static readonly Badge GoodQuestion = new(14, "good-question", "Good Question", Silver, QuestionScore, 25, PerPost, "A question with a score of 25 or more.");
    public static readonly Badge GreatQuestion = new(15, "great-question", "Great Question", Gold, QuestionScore, 100, PerPost, "A question with a score of 100 or more.");
    public static readonly Badge Guru = new(16, "guru", "Guru", Silver, AcceptedAnswerScore, 40, PerPost, "An accepted answer with a score of 40 or more.");
    public static readonly Badge PopularQuestion = new(17, "popular-question", "Popular Question", Bronze, QuestionViews, 1_000, PerPost, "A question with 1,000 views.");
    public static readonly Badge NotableQuestion = new(18, "notable-question", "Notable Question", Silver, QuestionViews, 2_500, PerPost, "A question with 2,500 views.");
    public static readonly Badge FamousQuestion = new(19, "famous-question", "Famous Question", Gold, QuestionViews, 10_000, PerPost, "A question with 10,000 views.");

    public static readonly Badge TagBronze = new(20, "tag-bronze", "Bronze tag badge", Bronze, TagAnswerScore, 10, PerTag, "A total answer score of 10 or more from at least 5 answers in one tag.") { MinimumAnswers = 5 };
    public static readonly Badge TagSilver = new(21, "tag-silver", "Silver tag badge", Silver, TagAnswerScore, 100, PerTag, "A total answer score of 100 or more from at least 20 answers in one tag.") { MinimumAnswers = 20 };
    public static readonly Badge TagGold = new(22, "tag-gold", "Gold tag badge", Gold, TagAnswerScore, 400, PerTag, "A total answer score of 400 or more from at least 80 answers in one tag.") { MinimumAnswers = 80 };

    public static readonly Badge KnowledgeContributor = new(30, "knowledge-contributor", "Knowledge contributor", Bronze, PublishedArticles, 1, Once, "An answer became a published knowledge-base article.");
    public static readonly Badge KnowledgeAuthor = new(31, "knowledge-author", "Knowledge author", Silver, PublishedArticles, 10, Once, "Answers in 10 published knowledge-base articles.");
    public static readonly Badge KnowledgeKeeper = new(32, "knowledge-keeper", "Knowledge keeper", Gold, PublishedArticles, 50, Once, "Answers in 50 published knowledge-base articles.");

    public static readonly IReadOnlyList<Badge> All =
    [
        Student, Teacher, Scholar, Supporter, Critic, Editor, CitizenPatrol, Yearling,
        NiceAnswer, GoodAnswer, GreatAnswer, NiceQuestion, GoodQuestion, GreatQuestion, Guru,
        PopularQuestion, NotableQuestion, FamousQuestion,
        TagBronze, TagSilver, TagGold,
        KnowledgeContributor, KnowledgeAuthor, KnowledgeKeeper,
    ];

    public static readonly IReadOnlyList<Badge> TagBadges = [TagBronze, TagSilver, TagGold];

    private static readonly Dictionary<int, Badge> ById = All.ToDictionary(b => b.Id);

    public static Badge? Find(int id) => ById.GetValueOrDefault(id);

    /// <summary>A tag badge as members see it: named after the tag (<c>billing</c>, silver).</summary>
    public static Badge ForTag(Badge tagBadge, string tag) => tagBadge.IsTagBadge
        ? tagBadge with { Name = tag, Slug = tag, Description = $"A total answer score of {tagBadge.Threshold:N0} or more from at least {tagBadge.MinimumAnswers:N0} answers in [{tag}]." }
        : throw new ArgumentException($"{tagBadge.Name} is not a tag badge.", nameof(tagBadge));
}
