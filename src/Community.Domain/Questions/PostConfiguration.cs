using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Questions;

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    /// <summary>EF writes both terms as literals in every list query, so SQLite can match these partial indexes.</summary>
    internal const string LiveQuestions = "\"Kind\" = 'Question' AND \"DeletedAt\" IS NULL";

    /// <summary>Deleted or held questions: a few percent of them, so counts subtract these rather than read every live row.</summary>
    internal const string RemovedQuestions = "\"Kind\" = 'Question' AND (\"DeletedAt\" IS NOT NULL OR \"HiddenAt\" IS NOT NULL)";

    public void Configure(EntityTypeBuilder<Post> post)
    {
        post.ToTable("Posts");
        post.HasDiscriminator<string>("Kind")
            .HasValue<Question>("Question")
            .HasValue<Answer>("Answer");
        post.Property("Kind").HasMaxLength(16);
        post.Property(p => p.AuthorId).HasMaxLength(450);
        post.HasOne(p => p.Author).WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.Restrict);
        // Lists read live questions in these orders. Partial indexes hold only live questions, so answers stay out of
        // the walk and the unanswered probe keeps using IX_Posts_QuestionId (measured in bench/: >25M → 3.4M VM steps).
        post.HasIndex(p => p.CreatedAt).HasDatabaseName("IX_Posts_LiveQuestions_CreatedAt").HasFilter(LiveQuestions);
        post.HasIndex(p => p.Score).HasDatabaseName("IX_Posts_LiveQuestions_Score").HasFilter(LiveQuestions);
        // Holding the filter's columns, so SQLite checks them from the index without reading each (large) post row.
        post.HasIndex(["Id", "Kind", nameof(Post.DeletedAt), nameof(Post.HiddenAt)], "IX_Posts_RemovedQuestions").HasFilter(RemovedQuestions);
        post.Property(p => p.Version).IsConcurrencyToken();
        post.OwnsOne(p => p.StaffDisclosure, Staff.StaffDisclosureColumns.Configure);
        post.Property(p => p.ClientToken).HasMaxLength(64);
        post.Property(p => p.HiddenReason).HasMaxLength(300);
        // One index for the author's posts and the double-post guard (a client token once per author): unique, without a
        // filter, since NULL tokens are distinct in a unique index on both engines. Two indexes starting with the author
        // cost every post a log page more (bench/README.md, session 13).
        post.HasIndex(p => new { p.AuthorId, p.ClientToken }).IsUnique();
    }
}

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> question)
    {
        question.Property(q => q.Title).HasMaxLength(Question.TitleMaxLength);
        question.HasIndex(q => q.LastActivityAt).HasDatabaseName("IX_Posts_LiveQuestions_LastActivityAt").HasFilter(PostConfiguration.LiveQuestions);
        question.Property(q => q.CloseReason).HasConversion<string>().HasMaxLength(32);
        question.HasMany(q => q.Tags).WithMany(t => t.Questions).UsingEntity("QuestionTags", link =>
        {
            // Each link carries its question's sort keys (NULL while removed), written by triggers only: TagListKeys.
            foreach (var key in new[] { TagListKeys.LastActivityAt, TagListKeys.CreatedAt })
            {
                link.Property<DateTime?>(key).ValueGeneratedOnAddOrUpdate();
                link.HasIndex("TagsId", key, "QuestionsId").HasDatabaseName($"IX_QuestionTags_TagsId_{key}");
            }
            link.Property<int?>(TagListKeys.Score).ValueGeneratedOnAddOrUpdate();
            link.HasIndex("TagsId", TagListKeys.Score, "QuestionsId").HasDatabaseName($"IX_QuestionTags_TagsId_{TagListKeys.Score}");
        });
        question.HasMany(q => q.Answers).WithOne(a => a.Question).HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AnswerConfiguration : IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Answer> answer) => answer.HasIndex(a => a.QuestionId);
}

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> tag)
    {
        tag.Property(t => t.Name).HasMaxLength(Tag.NameMaxLength);
        tag.HasIndex(t => t.Name).IsUnique();
        tag.Property(t => t.Description).HasMaxLength(500);
    }
}
