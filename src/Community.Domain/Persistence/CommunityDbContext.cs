using Community.Domain.Accounts;
using Community.Domain.Comments;
using Community.Domain.Revisions;
using Community.Domain.Questions;
using Community.Domain.Voting;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Persistence;

/// <summary>The one database of the forum: Identity's tables and the community's own.</summary>
public sealed class CommunityDbContext(DbContextOptions<CommunityDbContext> options)
    : IdentityDbContext<CommunityUser>(options)
{
    /// <summary>What this context's writes changed of the public pages, reported after they commit (Changes/).</summary>
    internal Changes.ContentChange PendingChanges { get; } = new();

    // A pooled context is reused after Dispose: what a failed or abandoned write gathered must not reach its next lease.
    public override void Dispose()
    {
        PendingChanges.Clear();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        PendingChanges.Clear();
        return base.DisposeAsync();
    }

    public DbSet<Post> Posts => Set<Post>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<Answer> Answers => Set<Answer>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Vote> Votes => Set<Vote>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<PostRevision> PostRevisions => Set<PostRevision>();
    public DbSet<QuestionView> QuestionViews => Set<QuestionView>();
    public DbSet<Staff.StaffProfile> StaffProfiles => Set<Staff.StaffProfile>();
    public DbSet<Staff.StaffAuditEntry> StaffAudit => Set<Staff.StaffAuditEntry>();
    public DbSet<Reputation.ReputationEntry> ReputationEntries => Set<Reputation.ReputationEntry>();
    public DbSet<Badges.BadgeAward> BadgeAwards => Set<Badges.BadgeAward>();
    public DbSet<Notices.Notice> Notices => Set<Notices.Notice>();

    // Community review: suggested edits and close votes.
    public DbSet<Revisions.SuggestedEdit> SuggestedEdits => Set<Revisions.SuggestedEdit>();
    public DbSet<CloseVote> CloseVotes => Set<CloseVote>();

    // Notifications: follows, e-mail choices and the e-mail outbox (the notifications themselves are Notices).
    public DbSet<Notifications.Follow> Follows => Set<Notifications.Follow>();
    public DbSet<Notifications.EmailPreference> EmailPreferences => Set<Notifications.EmailPreference>();
    public DbSet<Notifications.EmailOutboxEntry> EmailOutbox => Set<Notifications.EmailOutboxEntry>();

    // Audit: one append-only log for every feature.
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();

    // Knowledge base (issue 8)
    public DbSet<KnowledgeBase.Article> KnowledgeBaseArticles => Set<KnowledgeBase.Article>();
    public DbSet<KnowledgeBase.ArticleRevision> KnowledgeBaseRevisions => Set<KnowledgeBase.ArticleRevision>();
    public DbSet<KnowledgeBase.ArticleCredit> KnowledgeBaseCredits => Set<KnowledgeBase.ArticleCredit>();
    public DbSet<KnowledgeBase.HelpfulVote> KnowledgeBaseHelpfulVotes => Set<KnowledgeBase.HelpfulVote>();
    public DbSet<KnowledgeBase.KnowledgeBaseOutboxEntry> KnowledgeBaseOutbox => Set<KnowledgeBase.KnowledgeBaseOutboxEntry>();
    // Escalations (issue 7): staff teams, escalations, private follow-ups and the response clock.
    public DbSet<Escalations.StaffTeam> StaffTeams => Set<Escalations.StaffTeam>();
    public DbSet<Escalations.StaffTeamMember> StaffTeamMembers => Set<Escalations.StaffTeamMember>();
    public DbSet<Escalations.Escalation> Escalations => Set<Escalations.Escalation>();
    public DbSet<Escalations.EscalationNote> EscalationNotes => Set<Escalations.EscalationNote>();
    public DbSet<Escalations.PrivateConversation> PrivateConversations => Set<Escalations.PrivateConversation>();
    public DbSet<Escalations.PrivateMessage> PrivateMessages => Set<Escalations.PrivateMessage>();
    public DbSet<Escalations.ResponseClock> ResponseClocks => Set<Escalations.ResponseClock>();
    public DbSet<Escalations.ExpertInvitation> ExpertInvitations => Set<Escalations.ExpertInvitation>();
    public DbSet<Escalations.InvitationOptIn> InvitationOptIns => Set<Escalations.InvitationOptIn>();

    // Moderation: flags, the watch list, warnings and suspensions.
    public DbSet<Moderation.Flag> Flags => Set<Moderation.Flag>();
    public DbSet<Moderation.WatchTerm> WatchTerms => Set<Moderation.WatchTerm>();
    public DbSet<Moderation.MemberSanction> MemberSanctions => Set<Moderation.MemberSanction>();

    // Search (issue 9): deflection events and "did this solve your problem?" votes; the FTS5 index itself is SQL (Search/SearchSchema).
    public DbSet<Search.DeflectionEvent> DeflectionEvents => Set<Search.DeflectionEvent>();
    public DbSet<Search.ResolutionVote> ResolutionVotes => Set<Search.ResolutionVote>();

    // Write paths (issue 11): counters kept by triggers: each member's answer score and count per tag
    // (Badges/MemberTagScores), each member's capped vote gains of the day (Reputation/MemberVoteGain).
    public DbSet<Badges.MemberTagScore> MemberTagScores => Set<Badges.MemberTagScore>();
    public DbSet<Reputation.MemberVoteGain> MemberVoteGains => Set<Reputation.MemberVoteGain>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CommunityDbContext).Assembly);
        if (Database.IsNpgsql())
            PostgresModel.Apply(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Times are UTC in storage; SQLite keeps no kind, so it is restored on read.
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }
}
