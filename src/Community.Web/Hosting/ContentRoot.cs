namespace Community.Web.Hosting;

/// <summary>
/// Finds the folder that holds <c>appsettings.json</c> and <c>wwwroot/</c>. They sit at the repository
/// root (beside <c>Community.sln</c>), where ASP.NET does not look by default; a published app has them
/// beside its binaries instead.
/// </summary>
public static class ContentRoot
{
    public const string MarkerFile = "Community.sln";

    public static string Locate() =>
        FindRepositoryRoot(Directory.GetCurrentDirectory())
        ?? FindRepositoryRoot(AppContext.BaseDirectory)
        ?? AppContext.BaseDirectory;

    public static string? FindRepositoryRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, MarkerFile)))
                return folder.FullName;
        }
        return null;
    }

    /// <summary>True when the command line or environment already names a content root.</summary>
    public static bool IsGiven(string[] args) =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
        || args.Any(arg => arg.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase));
}
