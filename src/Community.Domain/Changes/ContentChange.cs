namespace Community.Domain.Changes;

/// <summary>
/// What a committed write changed of the public pages: the posts (questions and answers) whose pages show it,
/// whether question listings (lists, tags, search) may show it, and whether the knowledge base does.
/// Over-reporting is always safe (a cached page is rendered again); under-reporting leaves a page stale until it expires.
/// </summary>
public sealed class ContentChange
{
    public HashSet<int> PostIds { get; } = [];
    public bool Listings { get; set; }
    public bool KnowledgeBase { get; set; }

    public bool IsEmpty => PostIds.Count == 0 && !Listings && !KnowledgeBase;

    /// <summary>Takes everything gathered so far, leaving this one empty.</summary>
    internal ContentChange Take()
    {
        var taken = new ContentChange { Listings = Listings, KnowledgeBase = KnowledgeBase };
        taken.PostIds.UnionWith(PostIds);
        Clear();
        return taken;
    }

    internal void Clear()
    {
        PostIds.Clear();
        Listings = false;
        KnowledgeBase = false;
    }
}

/// <summary>Told after each commit what changed (the web app: evicts cached pages). Must not throw.</summary>
public interface IContentChangeSink
{
    ValueTask ChangedAsync(ContentChange change, CancellationToken cancellationToken = default);
}
