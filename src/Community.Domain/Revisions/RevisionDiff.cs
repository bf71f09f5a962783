using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Community.Domain.Revisions;

public enum DiffLineKind
{
    Unchanged,
    Added,
    Removed,
}

public sealed record DiffLine(DiffLineKind Kind, string Text);

/// <summary>A line-by-line diff of two revisions' Markdown, by DiffPlex (Myers' algorithm), for the history page.</summary>
public static class RevisionDiff
{
    private static readonly InlineDiffBuilder Builder = new(new Differ());

    public static IReadOnlyList<DiffLine> Lines(string before, string after) =>
        Builder.BuildDiffModel(before, after, ignoreWhitespace: false).Lines
            .Select(line => new DiffLine(line.Type switch
            {
                ChangeType.Inserted => DiffLineKind.Added,
                ChangeType.Deleted => DiffLineKind.Removed,
                _ => DiffLineKind.Unchanged,
            }, line.Text ?? ""))
            .ToList();
}
