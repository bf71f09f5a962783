namespace Community.Domain.Questions;

/// <summary>A product area or topic; questions carry one to five.</summary>
public sealed class Tag
{
    public const int NameMaxLength = 35;

    public int Id { get; set; }

    /// <summary>Lower-case slug, unique: "billing", "mobile-app".</summary>
    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public List<Question> Questions { get; set; } = [];
}
