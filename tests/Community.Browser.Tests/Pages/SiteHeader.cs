namespace Community.Browser.Tests.Pages;

/// <summary>The header on every page: site name, main navigation, search, and the account links.</summary>
public sealed class SiteHeader(IPage page)
{
    public ILocator Root => page.Locator("header.site-header");
    public ILocator MainNav => Root.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
    public ILocator SearchBox => Root.GetByRole(AriaRole.Searchbox);

    /// <summary>The signed-in person's display name, linking to Account/Manage.</summary>
    public ILocator AccountName => Root.Locator("a.account-name");
    public ILocator SignOutButton => Root.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true });
    public ILocator SignInLink => Root.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true });

    public ILocator Link(string name) => Root.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
    public ILocator NavLink(string name) => MainNav.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
}
