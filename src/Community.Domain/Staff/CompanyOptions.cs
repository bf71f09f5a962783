namespace Community.Domain.Staff;

/// <summary>The company that runs the forum, as staff disclosures name it (from the setting <c>Site:CompanyName</c>).</summary>
public sealed record CompanyOptions(string Name)
{
    /// <summary>For code paths without settings (tests, tools): disclosures still say staff, of "the company".</summary>
    public static readonly CompanyOptions Unnamed = new("the company");
}
