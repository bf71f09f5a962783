namespace Community.Web.Components.Pages.Users;

/// <summary>
/// A badge as the profile shows it. A placeholder shape until badges land: the badge feature maps its own
/// member badges to this (name, level such as "Gold", how many times held, where it is explained).
/// </summary>
public sealed record ProfileBadge(string Name, string Level, int Times = 1, string? Url = null);
