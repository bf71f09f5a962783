namespace Community.Web.Database;

/// <summary>Settings under <c>DemoData</c>: seed an empty database with a believable community.</summary>
public sealed class DemoDataOptions
{
    public const string Section = "DemoData";

    public bool Enabled { get; set; }

    /// <summary>The password of every demo account; required when <see cref="Enabled"/>.</summary>
    public string? Password { get; set; }
}
