using System.Text.RegularExpressions;
using Community.Browser.Tests.Infrastructure;
using Community.Browser.Tests.Pages;

namespace Community.Browser.Tests.Journeys;

/// <summary>/hangfire is for admins: others are refused or sent to sign in, and never see the dashboard.</summary>
public sealed partial class JobsDashboardTests(BrowserSite site) : BrowserTest(site)
{
    [Fact]
    public async Task Admin_sees_the_jobs_dashboard()
    {
        var admin = await SignedInAsync("admin@demo.local");
        var dashboard = await JobsDashboardPage.OpenAsync(admin);

        await Expect(admin).ToHaveURLAsync(DashboardUrl());
        await Expect(dashboard.Brand).ToHaveTextAsync(JobsDashboardPage.Title);
        await Expect(dashboard.Nav.GetByRole(AriaRole.Link, new() { Name = "Servers" })).ToBeVisibleAsync();
        await Expect(dashboard.Nav.GetByRole(AriaRole.Link, new() { Name = "Recurring Jobs" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Signed_in_customer_is_refused()
    {
        var customer = await SignedInAsync("customer@demo.local");
        await JobsDashboardPage.OpenAsync(customer);

        await Expect(customer).ToHaveURLAsync(AccessDeniedUrl());
        await Expect(new AccessDeniedPage(customer).Heading).ToBeVisibleAsync();
        await Expect(customer.GetByText(JobsDashboardPage.Title)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in()
    {
        var visitor = await NewVisitorAsync();
        await JobsDashboardPage.OpenAsync(visitor);

        await Expect(visitor).ToHaveURLAsync(LoginUrl());
        await Expect(new LoginPage(visitor).Heading).ToBeVisibleAsync();
        await Expect(visitor.GetByText(JobsDashboardPage.Title)).ToHaveCountAsync(0);
    }

    [GeneratedRegex("/hangfire/?$")]
    private static partial Regex DashboardUrl();

    [GeneratedRegex("/Account/AccessDenied\\?ReturnUrl=%2Fhangfire")]
    private static partial Regex AccessDeniedUrl();

    [GeneratedRegex("/Account/Login\\?ReturnUrl=%2Fhangfire")]
    private static partial Regex LoginUrl();
}
