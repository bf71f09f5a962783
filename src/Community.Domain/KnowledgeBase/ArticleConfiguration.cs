using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.KnowledgeBase;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> article)
    {
        article.ToTable("KbArticles");
        // One article per thread: what makes the feed's upsert idempotent even when two runs race.
        article.HasIndex(a => a.SourceQuestionId).IsUnique();
        article.HasOne(a => a.SourceQuestion).WithMany().HasForeignKey(a => a.SourceQuestionId).OnDelete(DeleteBehavior.Restrict);
        article.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        article.Property(a => a.UnpublishCause).HasConversion<string>().HasMaxLength(24);
        article.Property(a => a.Title).HasMaxLength(Article.TitleMaxLength);
        article.Property(a => a.Tags).HasMaxLength(200);
        article.HasIndex(a => new { a.Status, a.HelpfulYes });
        article.HasMany(a => a.Revisions).WithOne().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        article.Ignore(a => a.Slug);
        article.Ignore(a => a.Url);
        article.Ignore(a => a.IsUnderReview);
    }
}

internal sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> revision)
    {
        revision.ToTable("KbArticleRevisions");
        revision.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
        revision.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        revision.Property(r => r.EditorId).HasMaxLength(450);
        revision.Property(r => r.ApprovedById).HasMaxLength(450);
        revision.Property(r => r.Title).HasMaxLength(Article.TitleMaxLength);
        revision.Property(r => r.Tags).HasMaxLength(200);
        revision.Property(r => r.Fingerprint).HasMaxLength(64);
        revision.HasMany(r => r.Credits).WithOne().HasForeignKey(c => c.RevisionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ArticleCreditConfiguration : IEntityTypeConfiguration<ArticleCredit>
{
    public void Configure(EntityTypeBuilder<ArticleCredit> credit)
    {
        credit.ToTable("KbArticleCredits");
        credit.Property(c => c.UserId).HasMaxLength(450);
        credit.Property(c => c.DisplayName).HasMaxLength(100);
        credit.Property(c => c.Role).HasConversion<string>().HasMaxLength(24);
        credit.HasIndex(c => c.UserId);
        credit.OwnsOne(c => c.StaffDisclosure, Staff.StaffDisclosureColumns.Configure);
    }
}

internal sealed class HelpfulVoteConfiguration : IEntityTypeConfiguration<HelpfulVote>
{
    public void Configure(EntityTypeBuilder<HelpfulVote> vote)
    {
        vote.ToTable("KbHelpfulVotes");
        vote.Property(v => v.VisitorKey).HasMaxLength(HelpfulVote.VisitorMaxLength);
        vote.HasIndex(v => new { v.ArticleId, v.VisitorKey }).IsUnique();
        vote.HasOne<Article>().WithMany().HasForeignKey(v => v.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
