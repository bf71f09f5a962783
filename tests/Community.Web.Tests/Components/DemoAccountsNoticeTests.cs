using Bunit;
using Community.Web.Components.Account.Shared;
using Community.Web.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Community.Web.Tests.Components;

public sealed class DemoAccountsNoticeTests : BunitContext
{
    [Fact]
    public void InDemoModeEveryRoleIsListedWithThePassword()
    {
        Services.AddSingleton(Options.Create(new DemoDataOptions { Enabled = true, Password = "Secret-Demo-1" }));

        var notice = Render<DemoAccountsNotice>();

        Assert.Equal(5, notice.FindAll("tbody tr").Count);
        Assert.Equal("Secret-Demo-1", notice.Find(".demo-password").TextContent);
        Assert.Contains("Moderator", notice.Markup);
        Assert.Contains("Member with high reputation", notice.Markup);
    }

    [Fact]
    public void OutsideDemoModeNothingIsShown()
    {
        Services.AddSingleton(Options.Create(new DemoDataOptions { Enabled = false, Password = "Secret-Demo-1" }));

        var notice = Render<DemoAccountsNotice>();

        Assert.DoesNotContain("Secret-Demo-1", notice.Markup);
        Assert.Empty(notice.FindAll("section"));
    }
}
