using Community.Domain.Accounts;
using Community.Domain.Audit;
using Community.Domain.Comments;
using Community.Domain.Markdown;
using Community.Domain.Moderation;
using Community.Domain.Persistence;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Demo;

/// <summary>
/// Moderation in the demo: a watch list, flags waiting in the queue (a system watch-list hold, member spam flags, a
/// needs-staff-attention flag, an off-topic flag reviewers can settle), a declined and a helpful flag whose outcomes
/// Dana sees on her flags page, a warned member, and the audit entries of all of it. Runs after the main seed.
/// </summary>
public static class DemoModeration
{
    public const string SpammerName = "Outlet Deals";

    /// <summary>The spam answers this adds to the demo's own (one held, one flagged).</summary>
    public const int AddedAnswers = 2;

    internal static async Task SeedAsync(IDbContextFactory<CommunityDbContext> contexts, MarkdownRenderer markdown, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var people = await db.Users.ToDictionaryAsync(u => u.DisplayName, cancellationToken);
        CommunityUser Person(string name) => people[name];
        var moderator = Person("Ingrid Solberg");
        var admin = Person("Alex Kim");
        var dana = Person("Dana Whitfield");
        var priya = Person("Priya Raman");
        var questions = await db.Questions.Include(q => q.Answers).OrderBy(q => q.Id).ToListAsync(cancellationToken);
        var comments = await db.Comments.OrderBy(c => c.Id).ToListAsync(cancellationToken);

        db.WatchTerms.AddRange(
            Term("outlet deals", WatchAction.HoldUntilReviewed, admin, now.AddDays(-40)),
            Term("crypto giveaway", WatchAction.HoldUntilReviewed, admin, now.AddDays(-40)),
            Term("guaranteed followers", WatchAction.FlagForReview, admin, now.AddDays(-12)));
        AuditLog.Record(db, now.AddDays(-40), admin.Id, ModerationAuditActions.WatchTermAdded, new AuditTarget("watch-term", "outlet deals"), null, "outlet deals (HoldUntilReviewed)");

        // A brand-new account's answer that matched a hold term: hidden at once, waiting for a moderator.
        var spammer = new CommunityUser { UserName = "outletdeals@members.demo.local", NormalizedUserName = "OUTLETDEALS@MEMBERS.DEMO.LOCAL", Email = "outletdeals@members.demo.local",
            NormalizedEmail = "OUTLETDEALS@MEMBERS.DEMO.LOCAL", SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(), CreatedAt = now.AddHours(-5) };
        spammer.Rename(SpammerName);
        db.Users.Add(spammer);
        var spamTarget = questions.First(q => q.AcceptedAnswerId is null && q.ClosedAt is null);
        var spam = Answer(markdown, spamTarget, spammer, now.AddHours(-4),
            "Skip the support queue. Our **outlet deals** have Beacon Pro kits at 70% off: [beacon-outlet.example](https://beacon-outlet.example) and [more here](https://beacon-outlet.example/pro).");
        spam.HiddenAt = spam.CreatedAt;
        spam.HiddenReason = Holds.WatchListReason;
        spamTarget.Answers.Add(spam);
        await db.SaveChangesAsync(cancellationToken);
        db.Flags.Add(new Flag { PostId = spam.Id, TargetAuthorId = spammer.Id, Reason = FlagReason.Other, Note = "Matched the watch list (hold until reviewed).", Weight = 3,
            CreatedAt = spam.CreatedAt, Status = FlagStatus.Pending, MatchedTerm = "outlet deals" });
        AuditLog.Record(db, spam.CreatedAt, null, ModerationAuditActions.SystemFlag, AuditTarget.Post(spam.Id, spammer.Id), "Matched the watch list (hold until reviewed).", "Watch-list term: outlet deals");
        AuditLog.Record(db, spam.CreatedAt, null, ModerationAuditActions.Held, AuditTarget.Post(spam.Id, spammer.Id), "Matched the watch list (hold until reviewed).", "Watch-list term: outlet deals");

        // Two members think another answer is advertising: weight 2 of 3, still visible.
        var promoTarget = questions.Skip(1).First(q => q.ClosedAt is null && q != spamTarget);
        var promo = Answer(markdown, promoTarget, spammer, now.AddHours(-3),
            "Honestly the easiest fix is to replace the whole system. DM me for a discount code on a better mesh kit, I resell them.");
        promoTarget.Answers.Add(promo);
        promoTarget.AnswerCount++;
        await db.SaveChangesAsync(cancellationToken);
        db.PostRevisions.AddRange(Revisions.PostRevisions.First(spam, spammer.Id), Revisions.PostRevisions.First(promo, spammer.Id));
        db.Flags.AddRange(
            MemberFlag(promo.Id, null, spammer.Id, Person("Kenji Watanabe"), FlagReason.Spam, null, now.AddHours(-2)),
            MemberFlag(promo.Id, null, spammer.Id, Person("Nadia Petrova"), FlagReason.Spam, "Reselling in an answer, and asks for DMs.", now.AddHours(-1)));

        // A firmware report staff should see, and an off-topic question a reviewer can settle.
        var firmware = questions.FirstOrDefault(q => q.Title.Contains("firmware", StringComparison.OrdinalIgnoreCase)) ?? questions[2];
        db.Flags.Add(MemberFlag(firmware.Id, null, firmware.AuthorId, firmware.AuthorId == dana.Id ? priya : dana, FlagReason.NeedsStaffAttention,
            "Several of us see this after the same update; it looks like a firmware bug Brightwave should confirm.", now.AddHours(-6)));
        var offTopic = questions.Last(q => q.ClosedAt is null && q.AuthorId != priya.Id && q != firmware);
        db.Flags.Add(MemberFlag(offTopic.Id, null, offTopic.AuthorId, priya, FlagReason.OffTopic, null, now.AddHours(-8)));

        // Handled earlier: Dana's helpful flag on a rude comment (hidden, author warned) and her declined one.
        var rudeAuthor = Person("Mateo Alvarez");
        var rudeTarget = questions.First(q => q.Answers.Count > 0 && q.AuthorId != rudeAuthor.Id).Answers.First(a => a.AuthorId != rudeAuthor.Id);
        var rude = new Comment { PostId = rudeTarget.Id, AuthorId = rudeAuthor.Id, CreatedAt = now.AddDays(-3), Body = "Did you even read the manual? This is the dumbest question I have seen here." };
        var rendered = markdown.RenderComment(rude.Body);
        rude.BodyHtml = rendered.Html;
        rude.RenderVersion = rendered.Version;
        rude.HiddenAt = now.AddDays(-3).AddHours(2);
        rude.HiddenReason = Holds.ModeratorHiddenReason;
        db.Comments.Add(rude);
        await db.SaveChangesAsync(cancellationToken);
        var handledAt = now.AddDays(-3).AddHours(2);
        var helpful = MemberFlag(null, rude.Id, rudeAuthor.Id, dana, FlagReason.RudeOrAbusive, null, now.AddDays(-3).AddHours(1));
        Settle(helpful, FlagStatus.Helpful, FlagRules.HelpfulOutcome("hid the comment"), moderator, handledAt);
        var declinedOn = comments.First(c => c.AuthorId != dana.Id);
        var declined = MemberFlag(null, declinedOn.Id, declinedOn.AuthorId, dana, FlagReason.Spam, null, now.AddDays(-2));
        Settle(declined, FlagStatus.Declined, FlagRules.DeclinedOutcome, moderator, now.AddDays(-2).AddHours(3));
        db.Flags.AddRange(helpful, declined);
        AuditLog.Record(db, handledAt, moderator.Id, ModerationAuditActions.FlagsAccepted, AuditTarget.Comment(rude.Id, rudeAuthor.Id), "1 × rude or abusive");
        AuditLog.Record(db, handledAt, moderator.Id, ModerationAuditActions.Hidden, AuditTarget.Comment(rude.Id, rudeAuthor.Id), "1 × rude or abusive");
        var warning = new MemberSanction { MemberId = rudeAuthor.Id, Kind = SanctionKind.Warning, Reason = "Insulting another member in a comment. Disagree with the question, not the person.", CreatedAt = handledAt, ById = moderator.Id };
        db.MemberSanctions.Add(warning);
        AuditLog.Record(db, handledAt, moderator.Id, ModerationAuditActions.Warned, AuditTarget.Member(rudeAuthor.Id), warning.Reason);
        AuditLog.Record(db, now.AddDays(-2).AddHours(3), moderator.Id, ModerationAuditActions.FlagsDismissed, AuditTarget.Comment(declinedOn.Id, declinedOn.AuthorId), "1 × spam");
        db.Notices.AddRange(
            new Notices.Notice { UserId = dana.Id, Text = $"Your flag on a comment (rude or abusive): {helpful.Outcome}", Link = "flags/mine", Key = "flag:demo-helpful", CreatedAt = handledAt },
            new Notices.Notice { UserId = dana.Id, Text = $"Your flag on a comment (spam): {declined.Outcome}", Link = "flags/mine", Key = "flag:demo-declined", CreatedAt = now.AddDays(-2).AddHours(3) },
            new Notices.Notice { UserId = rudeAuthor.Id, Text = $"A moderator warned you: {warning.Reason}", Link = "notices", Key = "sanction:demo", CreatedAt = handledAt });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static WatchTerm Term(string phrase, WatchAction action, CommunityUser admin, DateTime at) =>
        new() { Phrase = phrase, Normalized = WatchListMatcher.Normalize(phrase), Action = action, CreatedById = admin.Id, CreatedAt = at };

    private static Answer Answer(MarkdownRenderer markdown, Question question, CommunityUser author, DateTime at, string body)
    {
        var rendered = markdown.Render(body);
        return new Answer { QuestionId = question.Id, AuthorId = author.Id, CreatedAt = at, Body = body, BodyHtml = rendered.Html, RenderVersion = rendered.Version };
    }

    private static Flag MemberFlag(int? postId, int? commentId, string authorId, CommunityUser flagger, FlagReason reason, string? note, DateTime at) => new()
    {
        PostId = postId, CommentId = commentId, TargetAuthorId = authorId, FlaggerId = flagger.Id, Reason = reason, Note = note, Weight = 1,
        CreatedAt = at, Status = FlagStatus.Pending,
    };

    private static void Settle(Flag flag, FlagStatus status, string outcome, CommunityUser moderator, DateTime at)
    {
        flag.Status = status;
        flag.Outcome = outcome;
        flag.HandledById = moderator.Id;
        flag.HandledAt = at;
    }
}
