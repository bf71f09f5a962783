using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Community.Domain.Search;
using Community.Web.Caching;
using Community.Web.Hosting;
using Community.Web.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Community.Web.Endpoints;

/// <summary>
/// Search's plain endpoints: what crawlers read (robots.txt, the sitemap index and its pages, Atom feeds), the
/// suggestion links of the ask page that count deflections, and the "did this solve your problem?" form post.
/// </summary>
public static class SearchEndpoints
{
    public const int FeedSize = 30;

    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/robots.txt", (HttpContext http) => Results.Text(RobotsTxt(BaseUrl(http)), "text/plain; charset=utf-8"));

        endpoints.MapGet("/sitemap.xml", async (HttpContext http, PublicContent content, CancellationToken cancellationToken) =>
        {
            var (questions, articles) = await content.CountAsync(cancellationToken);
            var baseUrl = BaseUrl(http);
            var sitemaps = Enumerable.Range(1, Math.Max(1, Pages(questions))).Select(n => $"{baseUrl}sitemaps/questions-{n}.xml")
                .Concat(Enumerable.Range(1, Math.Max(1, Pages(articles))).Select(n => $"{baseUrl}sitemaps/articles-{n}.xml"));
            return Xml(writer =>
            {
                writer.WriteStartElement("sitemapindex", SitemapNamespace);
                foreach (var sitemap in sitemaps)
                {
                    writer.WriteStartElement("sitemap");
                    writer.WriteElementString("loc", sitemap);
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
            });
        });

        endpoints.MapGet("/sitemaps/{kind:regex(^(questions|articles)$)}-{page:int}.xml", async (string kind, int page, HttpContext http, PublicContent content, CancellationToken cancellationToken) =>
        {
            if (page < 1)
                return Results.NotFound();
            var pages = kind == "questions" ? await content.QuestionPagesAsync(page, cancellationToken: cancellationToken) : await content.ArticlePagesAsync(page, cancellationToken: cancellationToken);
            if (pages.Count == 0 && page > 1)
                return Results.NotFound();
            var baseUrl = BaseUrl(http);
            return Xml(writer =>
            {
                writer.WriteStartElement("urlset", SitemapNamespace);
                foreach (var entry in pages)
                {
                    writer.WriteStartElement("url");
                    writer.WriteElementString("loc", baseUrl + entry.Url);
                    writer.WriteElementString("lastmod", entry.LastModified.ToString("yyyy-MM-ddTHH:mm:ssZ"));
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
            });
        });

        endpoints.MapGet("/feeds/questions", async (HttpContext http, PublicContent content, IOptions<SiteOptions> site, CancellationToken cancellationToken) =>
            Atom(http, site.Value, null, await content.NewQuestionsAsync(null, FeedSize, cancellationToken)));

        endpoints.MapGet("/feeds/tags/{name}", async (string name, HttpContext http, PublicContent content, IOptions<SiteOptions> site, CancellationToken cancellationToken) =>
        {
            var tag = name.Trim().ToLowerInvariant();
            if (!await content.TagExistsAsync(tag, cancellationToken))
                return Results.NotFound();
            return Atom(http, site.Value, tag, await content.NewQuestionsAsync(tag, FeedSize, cancellationToken));
        });

        // A suggestion opened while asking: counted, then on to the page. Only our own kinds and local targets.
        endpoints.MapGet("/deflect/{kind:regex(^(article|question)$)}/{id:int}", async (string kind, int id, HttpContext http, Deflections deflections, CancellationToken cancellationToken) =>
        {
            var target = kind == "article" ? SearchHitKind.Article : SearchHitKind.Question;
            await deflections.RecordAsync(Visitor.Id(http), DeflectionStep.Opened, target, id, cancellationToken);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Redirect(kind == "article" ? $"/kb/{id}" : $"/questions/{id}");
        });

        endpoints.MapPost("/solved/{kind:regex(^(article|question)$)}/{id:int}", async (string kind, int id, [FromForm] string? solved, [FromForm] string? returnUrl, [FromForm] string? terms,
            HttpContext http, ResolutionVotes votes, CancellationToken cancellationToken) =>
        {
            var back = PostEndpoints.IsLocal(returnUrl) ? returnUrl! : "/";
            if (solved is not ("yes" or "no"))
            {
                Flash.Set(http, "Choose yes or no.", isError: true);
                return Results.LocalRedirect(back);
            }
            var recorded = await votes.RecordAsync(kind == "article" ? SearchHitKind.Article : SearchHitKind.Question, id, Visitor.Id(http), solved == "yes", cancellationToken);
            Flash.Set(http, !recorded ? "You already told us about this page; thank you." : solved == "yes" ? "Thank you: glad it solved your problem." : "Thank you for telling us.", isError: false);
            if (solved == "no")
            {
                // Back to the page with the way on: a new question pre-filled with what they searched for.
                var query = "?stuck=1" + (string.IsNullOrWhiteSpace(terms) ? "" : "&q=" + Uri.EscapeDataString(terms.Trim()[..Math.Min(terms.Trim().Length, SearchQuery.MaxLength)]));
                var path = back.Split('#')[0].Split('?')[0];
                return Results.LocalRedirect(path + query + "#still-stuck");
            }
            return Results.LocalRedirect(back);
        }).AllowedFromCachedPages().RequireRateLimiting(CommunityApp.WritesRateLimit);

        return endpoints;
    }

    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static int Pages(int count) => (count + PublicContent.SitemapPageSize - 1) / PublicContent.SitemapPageSize;

    /// <summary>The site's absolute root, ending in a slash (links in sitemaps and feeds must be absolute).</summary>
    public static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/";

    /// <summary>Pages crawlers should leave alone: accounts, moderation, staff, review, admin, search results, the ask form.</summary>
    public static string RobotsTxt(string baseUrl) => $"""
        User-agent: *
        Disallow: /Account/
        Disallow: /moderation
        Disallow: /staff/
        Disallow: /review
        Disallow: /kb/review
        Disallow: /admin
        Disallow: /hangfire
        Disallow: /notices
        Disallow: /search
        Disallow: /deflect/
        Disallow: /questions/ask
        Sitemap: {baseUrl}sitemap.xml

        """;

    private static IResult Xml(Action<XmlWriter> write)
    {
        var buffer = new StringBuilder();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = false }))
        {
            writer.WriteStartDocument();
            write(writer);
        }
        return Results.Text(buffer.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\""), "application/xml; charset=utf-8");
    }

    /// <summary>
    /// An Atom 1.0 feed written by System.ServiceModel.Syndication (Microsoft's, maintained with .NET): it gets the
    /// Atom details right (ids, dates, escaped HTML content) that a hand-written XML writer would have to relearn.
    /// </summary>
    private static IResult Atom(HttpContext http, SiteOptions site, string? tag, IReadOnlyList<FeedEntry> entries)
    {
        var baseUrl = BaseUrl(http);
        var self = tag is null ? $"{baseUrl}feeds/questions" : $"{baseUrl}feeds/tags/{Uri.EscapeDataString(tag)}";
        var alternate = tag is null ? $"{baseUrl}questions" : $"{baseUrl}questions/tagged/{Uri.EscapeDataString(tag)}";
        var feed = new SyndicationFeed(
            tag is null ? $"{site.Name}: newest questions" : $"{site.Name}: newest questions tagged {tag}",
            tag is null ? "New questions from the community." : $"New questions about {tag}.",
            new Uri(alternate), self, entries.Count == 0 ? DateTimeOffset.UnixEpoch : new DateTimeOffset(entries.Max(e => e.Updated), TimeSpan.Zero));
        feed.Links.Add(new SyndicationLink(new Uri(self)) { RelationshipType = "self", MediaType = "application/atom+xml" });
        feed.Items = entries.Select(entry =>
        {
            var url = new Uri(baseUrl + entry.Url);
            var item = new SyndicationItem(entry.Title, SyndicationContent.CreateHtmlContent(entry.BodyHtml), url, url.AbsoluteUri,
                new DateTimeOffset(entry.Updated, TimeSpan.Zero))
            {
                PublishDate = new DateTimeOffset(entry.Published, TimeSpan.Zero),
            };
            item.Authors.Add(new SyndicationPerson { Name = entry.AuthorName });
            foreach (var name in entry.Tags)
                item.Categories.Add(new SyndicationCategory(name));
            return item;
        }).ToList();
        var buffer = new StringBuilder();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Indent = false }))
            feed.SaveAsAtom10(writer);
        return Results.Text(buffer.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\""), "application/atom+xml; charset=utf-8");
    }
}
