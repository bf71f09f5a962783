using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Questions;

/// <summary>That one visitor saw one question in one period; the key makes a refresh count nothing.</summary>
public sealed class QuestionView
{
    public int QuestionId { get; set; }

    /// <summary>A hash of the member id, or of the address and browser for anonymous visitors: never the raw address.</summary>
    public string VisitorKey { get; set; } = "";

    /// <summary>Days since 2000-01-01 (UTC): a visitor counts again on another day.</summary>
    public int Period { get; set; }
}

internal sealed class QuestionViewConfiguration : IEntityTypeConfiguration<QuestionView>
{
    public void Configure(EntityTypeBuilder<QuestionView> view)
    {
        view.HasKey(v => new { v.QuestionId, v.VisitorKey, v.Period });
        view.Property(v => v.VisitorKey).HasMaxLength(64);
        view.HasIndex(v => v.Period);
    }
}
