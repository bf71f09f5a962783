using System.ComponentModel.DataAnnotations;

namespace Community.Web.Hosting;

/// <summary>Settings under <c>Site</c>: who runs this forum.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    [Required(ErrorMessage = "Site:Name is required: the forum's name, shown in the header and page titles.")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Site:CompanyName is required: the company that runs the forum, shown beside staff posts.")]
    public string CompanyName { get; set; } = "";

    /// <summary>The address members reach the forum at, for links in e-mails sent by background jobs (no request to take it from).</summary>
    [Url(ErrorMessage = "Site:PublicUrl must be an absolute address such as https://community.example.com/.")]
    public string PublicUrl { get; set; } = "http://localhost:5039/";

    public Uri PublicBase => new(PublicUrl.EndsWith('/') ? PublicUrl : PublicUrl + "/");
}
