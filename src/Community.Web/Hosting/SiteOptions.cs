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
}
