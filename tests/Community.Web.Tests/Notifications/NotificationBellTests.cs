using System.Security.Claims;
using Bunit;
using Community.Domain.Notices;
using Community.Domain.Notifications;
using Community.Domain.Privileges;
using Community.Web.Components.Layout;
using Community.Web.Tests.Questions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.Notifications;

/// <summary>The bell: the count it was drawn with, then live as notices arrive for its member (and only theirs).</summary>
public sealed class NotificationBellTests(VoteDatabase database) : BunitContext, IClassFixture<VoteDatabase>
{
    [Fact]
    public async Task TheCountRisesWhenANotificationArrivesForTheMemberAndNotForSomeoneElse()
    {
        var live = new InProcessLiveEvents();
        var notices = new MemberNotices(database, new PrivilegeOptions(), TimeProvider.System);
        Services.AddSingleton(notices);
        Services.AddSingleton<ILiveEvents>(live);
        Services.AddSingleton<AuthenticationStateProvider>(new Signedin(database.AuthorId));
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        await notices.MarkAllReadAsync(database.AuthorId, Xunit.TestContext.Current.CancellationToken);

        var bell = Render<NotificationBell>(p => p.Add(b => b.Unread, 0));
        Assert.Equal("Notifications: 0 unread", bell.Find("a").GetAttribute("aria-label"));

        await notices.AddAsync(database.VoterId, "Not for the bell's member", cancellationToken: Xunit.TestContext.Current.CancellationToken);
        live.NotificationsChanged(database.VoterId);
        await notices.AddAsync(database.AuthorId, "Priya answered your question", cancellationToken: Xunit.TestContext.Current.CancellationToken);
        live.NotificationsChanged(database.AuthorId);

        bell.WaitForAssertion(() => Assert.Equal("Notifications: 1 unread", bell.Find("a").GetAttribute("aria-label")));
        Assert.Contains("(1)", bell.Find(".bell-count").TextContent);
        Assert.Contains("has-unread", bell.Find("a").ClassList);
    }

    [Fact]
    public void PrerenderedItShowsTheCountItWasGivenWithoutListening()
    {
        var live = new InProcessLiveEvents();
        Services.AddSingleton(new MemberNotices(database, new PrivilegeOptions(), TimeProvider.System));
        Services.AddSingleton<ILiveEvents>(live);
        Services.AddSingleton<AuthenticationStateProvider>(new Signedin(database.AuthorId));
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));

        var bell = Render<NotificationBell>(p => p.Add(b => b.Unread, 3));
        live.NotificationsChanged(database.AuthorId);

        Assert.Equal("Notifications: 3 unread", bell.Find("a").GetAttribute("aria-label"));
        Assert.Equal("notifications", bell.Find("a").GetAttribute("href"));
    }

    private sealed class Signedin(string userId) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"))));
    }
}
