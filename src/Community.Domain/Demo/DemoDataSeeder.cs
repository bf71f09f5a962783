using Community.Domain.Accounts;
using Community.Domain.Markdown;
using Community.Domain.Persistence;
using Community.Domain.Questions;
using Community.Domain.Reputation;
using Community.Domain.Revisions;
using Community.Domain.Voting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Demo;

/// <summary>
/// Fills an empty database with the demo community of <see cref="DemoContent"/>. Deterministic (fixed seed,
/// times relative to the injected clock) and never touches a database that already has people or posts.
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<CommunityDbContext> contexts, MarkdownRenderer renderer, TimeProvider time, ReputationOptions? points = null)
{
    // Our own text, rendered all at once while the app starts: a busy machine must not fail the seeding on the time budget.
    private readonly MarkdownRenderer markdown = renderer.ForTrustedBulk();

    private const int Seed = 2026;

    private readonly ReputationOptions points = points ?? new ReputationOptions();

    /// <returns>True when it seeded; false when the database already had content.</returns>
    public async Task<bool> SeedAsync(string passwordHash, CancellationToken cancellationToken = default)
    {
        return await contexts.RunAsync<bool>(async db =>
        {
            if (await db.Users.AnyAsync(cancellationToken) || await db.Posts.AnyAsync(cancellationToken))
                return false;

            await RoleSeeder.EnsureRolesAsync(db, cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            var random = new Random(Seed);

            var people = CreatePeople(passwordHash, now, random);
            db.Users.AddRange(people.Values.Select(p => p.User));
            var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
            db.UserRoles.AddRange(people.Values.Select(p => new IdentityUserRole<string> { UserId = p.User.Id, RoleId = roleIds[p.Role] }));

            var tags = DemoContent.Tags.ToDictionary(t => t.Name, t => new Tag { Name = t.Name, Description = t.Description });
            db.Tags.AddRange(tags.Values);

            var accepted = new List<(Question Question, Answer Answer)>();
            foreach (var demo in DemoContent.Questions)
            {
                var asker = people[demo.Asker].User;
                var askedAt = now.AddDays(-demo.DaysAgo).AddMinutes(-random.Next(0, 600));
                var question = new Question
                {
                    Title = demo.Title,
                    AuthorId = asker.Id,
                    CreatedAt = askedAt,
                    LastActivityAt = askedAt,
                    ViewCount = demo.Views,
                    Tags = demo.Tags.Select(t => tags[t]).ToList(),
                };
                Render(question, demo.Body);
                db.Questions.Add(question);
                AddVotes(db, question, demo.Votes, asker, people, random, askedAt, now);

                var answeredAt = askedAt;
                foreach (var demoAnswer in demo.Answers)
                {
                    answeredAt = answeredAt.AddMinutes(random.Next(20, 60 * 18));
                    if (answeredAt > now) answeredAt = now.AddMinutes(-random.Next(1, 30));
                    var author = people[demoAnswer.Author].User;
                    var answer = new Answer { AuthorId = author.Id, CreatedAt = answeredAt };
                    Render(answer, demoAnswer.Body);
                    question.Answers.Add(answer);
                    question.AnswerCount++;
                    question.LastActivityAt = answeredAt > question.LastActivityAt ? answeredAt : question.LastActivityAt;
                    AddVotes(db, answer, demoAnswer.Votes, author, people, random, answeredAt, now);
                    if (demoAnswer.Accepted)
                        accepted.Add((question, answer));
                }
            }

            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            // Nodes starting together: in the writers' queue, only the first finds the database still empty.
            if (await db.Users.AnyAsync(cancellationToken))
                return false;
            await db.SaveChangesAsync(cancellationToken);
            foreach (var (question, answer) in accepted)
                question.AcceptedAnswerId = answer.Id;
            foreach (var post in db.ChangeTracker.Entries<Post>().Select(e => e.Entity).ToList())
                db.PostRevisions.Add(PostRevisions.First(post, post.AuthorId));
            AddComments(db, people, random, now);
            ShowModeration(db, people, now);
            DiscloseStaff(db, people, now);
            CreditReputation(db, people, accepted, now);
            var users = people.ToDictionary(p => p.Key, p => p.Value.User);
            DemoReview.Seed(db, users, now);
            DemoNotifications.Seed(db, users, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await DemoModeration.SeedAsync(contexts, markdown, time, cancellationToken);
            await DemoKnowledgeBase.SeedAsync(contexts, markdown, time, points, cancellationToken);
            await DemoSearch.SeedAsync(contexts, time, cancellationToken);
            await DemoEscalations.SeedAsync(contexts, now, cancellationToken);
            // The badges the demo's activity earns, as the recurring sweep would award them.
            await new Badges.BadgeAwarder(contexts, time).SweepAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>A few comments from the demo's comment list on answered questions, so threads look lived in.</summary>
    private void AddComments(CommunityDbContext db, Dictionary<string, Person> people, Random random, DateTime now)
    {
        var questions = db.ChangeTracker.Entries<Question>().Select(e => e.Entity).Where(q => q.Answers.Count > 0).Take(DemoContent.Comments.Count).ToList();
        for (var i = 0; i < questions.Count; i++)
        {
            var (authorName, text) = DemoContent.Comments[i];
            var target = (Post?)questions[i].Answers.FirstOrDefault(a => a.AuthorId != people[authorName].User.Id) ?? questions[i];
            if (target.AuthorId == people[authorName].User.Id) continue;
            var rendered = markdown.RenderComment(text);
            db.Comments.Add(new Comments.Comment
            {
                PostId = target.Id,
                AuthorId = people[authorName].User.Id,
                Body = text,
                BodyHtml = rendered.Html,
                RenderVersion = rendered.Version,
                CreatedAt = Min(now, target.CreatedAt.AddMinutes(random.Next(10, 600))),
            });
        }
    }

    /// <summary>One question closed as a duplicate of an answered one, and one edited by a moderator, so history and closing show.</summary>
    private void ShowModeration(CommunityDbContext db, Dictionary<string, Person> people, DateTime now)
    {
        var moderator = people[DemoContent.Accounts.Single(a => a.Role == Roles.Moderator).DisplayName].User;
        var questions = db.ChangeTracker.Entries<Question>().Select(e => e.Entity).ToList();
        var duplicate = questions.FirstOrDefault(q => q.Answers.Count == 0
            && questions.Any(o => o != q && o.AcceptedAnswerId != null && o.Tags[0] == q.Tags[0] && o.CreatedAt < q.CreatedAt));
        if (duplicate is not null)
        {
            var original = questions.First(o => o != duplicate && o.AcceptedAnswerId != null && o.Tags[0] == duplicate.Tags[0] && o.CreatedAt < duplicate.CreatedAt);
            duplicate.ClosedAt = Min(now, duplicate.CreatedAt.AddHours(3));
            duplicate.ClosedById = moderator.Id;
            duplicate.CloseReason = CloseReason.Duplicate;
            duplicate.DuplicateOfId = original.Id;
        }

        var edited = questions.First(q => q.AuthorId != moderator.Id && q.AcceptedAnswerId != null);
        var editedAt = Min(now, edited.CreatedAt.AddHours(1));
        edited.Body += "\n\n**Update:** the app shows firmware 4.2.1 on every point.";
        var rendered = markdown.Render(edited.Body);
        edited.BodyHtml = rendered.Html;
        edited.EditedAt = editedAt;
        edited.Version = 2;
        db.PostRevisions.Add(new PostRevision
        {
            PostId = edited.Id, Number = 2, EditorId = moderator.Id, CreatedAt = editedAt,
            Title = edited.Title, Body = edited.Body, Tags = PostRevisions.TagsOf(edited), Summary = "Added the firmware version from the comments",
        });
    }

    /// <summary>
    /// The staff account is a named employee whose posts carry the disclosure; one member is a former employee whose
    /// answers from that time still say so; one staff answer is the company's official answer beside an accepted one.
    /// </summary>
    private void DiscloseStaff(CommunityDbContext db, Dictionary<string, Person> people, DateTime now)
    {
        var company = DemoContent.CompanyName;
        var staffAccount = people[DemoContent.Accounts.Single(a => a.Role == Roles.Staff).DisplayName].User;
        var staff = new Staff.StaffProfile
        {
            UserId = staffAccount.Id, RealName = staffAccount.DisplayName, JobTitle = "Support engineer", Team = "Technical support",
            Bio = "I look after Beacon networks that misbehave. Ten years of Wi-Fi troubleshooting and counting.", StartedAt = now.AddYears(-3),
        };
        var posts = db.ChangeTracker.Entries<Post>().Select(e => e.Entity).ToList();
        var answersByPerson = posts.OfType<Answer>().GroupBy(a => a.AuthorId).ToDictionary(g => g.Key, g => g.ToList());
        var formerUser = people.Values.Where(p => p.Role == Roles.Member && !DemoContent.Accounts.Any(a => a.DisplayName == p.User.DisplayName))
            .Select(p => p.User).OrderByDescending(u => answersByPerson.GetValueOrDefault(u.Id)?.Count ?? 0).First();
        var formerEnd = now.AddDays(-20);
        var former = new Staff.StaffProfile
        {
            UserId = formerUser.Id, RealName = formerUser.DisplayName, JobTitle = "Product specialist", Team = "Product",
            StartedAt = now.AddYears(-2), EndedAt = formerEnd,
        };
        db.StaffProfiles.AddRange(staff, former);
        db.StaffAudit.AddRange(
            new Staff.StaffAuditEntry { Action = Staff.StaffAuditAction.Granted, TargetUserId = staff.UserId, ActorId = staffAccount.Id, At = staff.StartedAt, Details = $"{staff.RealName}, {staff.JobTitle}, {staff.Team}" },
            new Staff.StaffAuditEntry { Action = Staff.StaffAuditAction.Granted, TargetUserId = former.UserId, ActorId = staffAccount.Id, At = former.StartedAt, Details = $"{former.RealName}, {former.JobTitle}, {former.Team}" },
            new Staff.StaffAuditEntry { Action = Staff.StaffAuditAction.Revoked, TargetUserId = former.UserId, ActorId = staffAccount.Id, At = formerEnd, Details = $"{former.RealName}, {former.JobTitle}, {former.Team}" });

        foreach (var post in posts.Where(p => p.AuthorId == staff.UserId || p.AuthorId == former.UserId && p.CreatedAt < formerEnd))
        {
            var profile = post.AuthorId == staff.UserId ? staff : former;
            post.StaffDisclosure = new Staff.StaffDisclosure(profile.RealName, profile.JobTitle, profile.Team, company);
            if (post is Answer answer && answer.Question is { } question && (question.FirstStaffResponseAt is null || question.FirstStaffResponseAt > answer.CreatedAt))
            {
                question.FirstStaffResponseAt = answer.CreatedAt;
                question.FirstStaffResponderId = answer.AuthorId;
            }
        }
        foreach (var comment in db.ChangeTracker.Entries<Comments.Comment>().Select(e => e.Entity).Where(c => c.AuthorId == staff.UserId))
            comment.StaffDisclosure = new Staff.StaffDisclosure(staff.RealName, staff.JobTitle, staff.Team, company);

        var official = posts.OfType<Answer>().Where(a => a.AuthorId == staff.UserId && a.Question is not null)
            .OrderByDescending(a => a.Question!.AcceptedAnswerId != null && a.Question.AcceptedAnswerId != a.Id).First();
        official.Question!.OfficialAnswerId = official.Id;
        official.Question.OfficialMarkedById = staff.UserId;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private sealed record Person(CommunityUser User, string Role);

    private static Dictionary<string, Person> CreatePeople(string passwordHash, DateTime now, Random random)
    {
        var people = new Dictionary<string, Person>(StringComparer.Ordinal);
        foreach (var account in DemoContent.Accounts)
            people[account.DisplayName] = new(CreateUser(account.Email, account.DisplayName, account.About, passwordHash, now.AddDays(-random.Next(200, 800))), account.Role);
        foreach (var member in DemoContent.Members)
        {
            var email = new string(member.DisplayName.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray()) + "@members.demo.local";
            people[member.DisplayName] = new(CreateUser(email, member.DisplayName, member.About, passwordHash, now.AddDays(-random.Next(30, 700))), Roles.Member);
        }
        return people;
    }

    private static CommunityUser CreateUser(string email, string displayName, string about, string passwordHash, DateTime createdAt)
    {
        var user = new CommunityUser
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            PasswordHash = passwordHash,
            SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = true,
            AboutMe = about,
            CreatedAt = createdAt,
        };
        user.Rename(displayName);
        return user;
    }

    private void Render(Post post, string body)
    {
        var rendered = markdown.Render(body);
        if (!rendered.Succeeded)
            throw new InvalidOperationException($"Demo post \"{body[..Math.Min(40, body.Length)]}…\" does not render: {rendered.Error}");
        post.Body = body;
        post.BodyHtml = rendered.Html;
        post.RenderVersion = rendered.Version;
    }

    private static void AddVotes(CommunityDbContext db, Post post, int votes, CommunityUser author, Dictionary<string, Person> people, Random random, DateTime after, DateTime now)
    {
        var voters = people.Values.Select(p => p.User).Where(u => u.Id != author.Id).OrderBy(_ => random.Next()).Take(Math.Abs(votes));
        foreach (var voter in voters)
        {
            db.Votes.Add(new Vote { Post = post, VoterId = voter.Id, Value = Math.Sign(votes), CreatedAt = Min(now, after.AddMinutes(random.Next(5, 3000))) });
            post.Score += Math.Sign(votes);
        }
    }

    /// <summary>The demo's votes and accepts go through the same points rules and daily cap as live ones, into the ledger.</summary>
    private void CreditReputation(CommunityDbContext db, Dictionary<string, Person> people, List<(Question Question, Answer Answer)> accepted, DateTime now)
    {
        var staff = people.Values.Where(p => p.Role is Roles.Staff or Roles.Admin).Select(p => p.User.Id).ToHashSet();
        ReputationParty Party(string id) => new(id, staff.Contains(id));
        var entries = new List<ReputationEntry>();
        var gainedPerDay = new Dictionary<(string, DateTime), int>();
        foreach (var vote in db.ChangeTracker.Entries<Vote>().Select(e => e.Entity).OrderBy(v => v.CreatedAt))
        {
            foreach (var change in ReputationRules.ForVote(points, vote.Post is Answer, vote.Value, Party(vote.VoterId), Party(vote.Post!.AuthorId)))
            {
                var amount = change.Amount;
                if (ReputationRules.IsCappedReason(change.Reason))
                {
                    var day = (change.UserId, ReputationRules.DayStart(vote.CreatedAt));
                    amount = ReputationRules.CapVoteGain(amount, gainedPerDay.GetValueOrDefault(day), points.DailyVoteCap);
                    gainedPerDay[day] = gainedPerDay.GetValueOrDefault(day) + amount;
                }
                entries.Add(new ReputationEntry
                {
                    UserId = change.UserId, Amount = amount, Reason = change.Reason, SourceKey = ReputationRules.VoteSource(vote.Post.Id, vote.VoterId),
                    PostId = vote.Post.Id, ActorId = vote.VoterId, CreatedAt = vote.CreatedAt,
                });
            }
        }
        foreach (var (question, answer) in accepted)
        {
            foreach (var change in ReputationRules.ForAcceptance(points, Party(question.AuthorId), Party(answer.AuthorId)))
                entries.Add(new ReputationEntry
                {
                    UserId = change.UserId, Amount = change.Amount, Reason = change.Reason, SourceKey = ReputationRules.AcceptanceSource(question.Id),
                    PostId = answer.Id, ActorId = question.AuthorId, CreatedAt = Min(now, answer.CreatedAt.AddHours(6)),
                });
        }
        db.ReputationEntries.AddRange(entries);
        var sums = entries.GroupBy(e => e.UserId).ToDictionary(g => g.Key, g => g.Sum(e => (long)e.Amount));
        foreach (var user in people.Values.Select(p => p.User))
        {
            user.ReputationPoints = sums.GetValueOrDefault(user.Id);
            user.Reputation = ReputationRules.Total(user.ReputationPoints);
        }
    }
}
