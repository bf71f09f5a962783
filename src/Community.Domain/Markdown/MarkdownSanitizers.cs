using AngleSharp.Dom;
using Ganss.Xss;

namespace Community.Domain.Markdown;

/// <summary>
/// HtmlSanitizer configurations. <see cref="HtmlSanitizer.Sanitize(string, string, AngleSharp.IMarkupFormatter?)"/>
/// is thread-safe as long as the configuration is not changed concurrently (HtmlSanitizer README, "Thread safety");
/// these instances are configured once here and never modified afterwards, and the event handlers are stateless.
/// </summary>
internal static class MarkdownSanitizers
{
    public const string LinkRel = "nofollow ugc noopener";

    private static readonly string[] LinkSchemes = ["http", "https", "mailto"];

    /// <summary>Attributes each tag may keep; anything else is removed. Tags absent here keep no attributes.</summary>
    private static readonly Dictionary<string, HashSet<string>> PostAttributesByTag = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = ["href", "title", "rel"],
        ["img"] = ["src", "alt", "title"],
        ["ol"] = ["start"],
        ["ul"] = ["class"],
        ["li"] = ["class"],
        ["code"] = ["class"],
        ["input"] = ["type", "disabled", "checked"],
    };

    private static readonly Dictionary<string, HashSet<string>> CommentAttributesByTag = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = ["href", "title", "rel"],
    };

    public static HtmlSanitizer CreatePost() => Create(
        tags:
        [
            "p", "br", "hr", "h3", "h4", "h5", "h6", "strong", "em", "del", "code", "pre", "blockquote",
            "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "input",
        ],
        PostAttributesByTag);

    public static HtmlSanitizer CreateComment() => Create(
        tags: ["p", "br", "strong", "em", "code", "a"],
        CommentAttributesByTag);

    private static HtmlSanitizer Create(string[] tags, Dictionary<string, HashSet<string>> attributesByTag)
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(
                attributesByTag.Values.SelectMany(names => names), StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(LinkSchemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
            UriListAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            // Empty means "all classes"; classes are filtered per tag in PostProcess instead.
            AllowedClasses = new HashSet<string>(StringComparer.Ordinal),
            AllowDataAttributes = false,
            AllowCssCustomProperties = false,
        });
        sanitizer.FilterUrl += (_, e) => e.SanitizedUrl = FilterUrl(e.Tag.LocalName, e.SanitizedUrl);
        sanitizer.PostProcessNode += (_, e) => PostProcess(e, attributesByTag);
        return sanitizer;
    }

    /// <summary>
    /// Links: http, https, mailto (already enforced by AllowedSchemes) or relative, but never protocol-relative
    /// (<c>//host</c>, <c>/\host</c>). Images: absolute http(s) only.
    /// </summary>
    internal static string? FilterUrl(string tagName, string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            return null;
        var trimmed = url.Trim();

        if (string.Equals(tagName, "img", StringComparison.OrdinalIgnoreCase))
        {
            var absoluteHttp = (trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                    || trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                && Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                && !string.IsNullOrEmpty(uri.Host);
            return absoluteHttp ? url : null;
        }

        if (trimmed.Length >= 2 && trimmed[0] is '/' or '\\' && trimmed[1] is '/' or '\\')
            return null;
        return url;
    }

    private static void PostProcess(PostProcessNodeEventArgs e, Dictionary<string, HashSet<string>> attributesByTag)
    {
        if (e.Node is not IElement element)
            return;

        var tag = element.LocalName;
        attributesByTag.TryGetValue(tag, out var allowed);
        foreach (var attribute in element.Attributes.ToList())
        {
            if (allowed is null || !allowed.Contains(attribute.Name))
                element.RemoveAttribute(attribute.Name);
        }

        if (element.HasAttribute("class"))
            FilterClasses(element);

        switch (tag)
        {
            case "a":
                if (string.IsNullOrWhiteSpace(element.GetAttribute("href")))
                {
                    // The URL was refused: keep the link text, drop the link.
                    foreach (var child in element.ChildNodes.ToList())
                        e.ReplacementNodes.Add(child);
                    if (e.ReplacementNodes.Count == 0)
                        e.ReplacementNodes.Add(e.Document.CreateTextNode(""));
                }
                else
                {
                    element.SetAttribute("rel", LinkRel);
                }
                break;

            case "img":
                if (string.IsNullOrWhiteSpace(element.GetAttribute("src")))
                    e.ReplacementNodes.Add(e.Document.CreateTextNode(element.GetAttribute("alt") ?? ""));
                break;

            case "input":
                if (!string.Equals(element.GetAttribute("type"), "checkbox", StringComparison.OrdinalIgnoreCase))
                {
                    e.ReplacementNodes.Add(e.Document.CreateTextNode(""));
                    break;
                }
                element.SetAttribute("type", "checkbox");
                element.SetAttribute("disabled", "disabled");
                if (element.HasAttribute("checked"))
                    element.SetAttribute("checked", "checked");
                break;
        }
    }

    /// <summary>Only <c>language-*</c> on code and the task-list classes Markdig emits survive.</summary>
    private static void FilterClasses(IElement element)
    {
        var kept = element.ClassList
            .Where(name => IsAllowedClass(element.LocalName, name))
            .ToList();
        if (kept.Count == 0)
            element.RemoveAttribute("class");
        else
            element.SetAttribute("class", string.Join(' ', kept));
    }

    private static bool IsAllowedClass(string tag, string name) => tag switch
    {
        "code" => IsLanguageClass(name),
        "ul" => name == "contains-task-list",
        "li" => name == "task-list-item",
        _ => false,
    };

    private static bool IsLanguageClass(string name)
    {
        const string prefix = "language-";
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || name.Length == prefix.Length || name.Length > 64)
            return false;
        foreach (var c in name.AsSpan(prefix.Length))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '+' or '#' or '.'))
                return false;
        }
        return true;
    }
}
