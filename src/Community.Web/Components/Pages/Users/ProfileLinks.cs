using Community.Domain.Questions;

namespace Community.Web.Components.Pages.Users;

/// <summary>A member's canonical address, <c>users/{id}/{slug}</c> (relative to the base href); the id alone finds them.</summary>
public static class ProfileLinks
{
    public static string SlugOf(string displayName) => Slug.From(displayName);

    public static string For(string id, string displayName) => $"users/{id}/{SlugOf(displayName)}";
}
