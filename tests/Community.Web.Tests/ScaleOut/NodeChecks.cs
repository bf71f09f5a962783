using System.Net;
using Bunit;
using Community.Domain.Notifications;
using Community.Web.Components.Pages.Questions.Parts;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.ScaleOut;

/// <summary>What any two nodes of one community must show, whatever their database.</summary>
internal static class NodeChecks
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>A question asked on <paramref name="writer"/>, open on <paramref name="reader"/>'s circuit; an answer on the writer shows there.</summary>
    public static async Task AnswerShowsLiveOnTheOtherNodeAsync(CommunityWebFactory writer, CommunityWebFactory reader)
    {
        var asker = await writer.SignedInClientAsync(Demo.Customer);
        var question = await asker.AskAsync(QuestionForms.UniqueTitle("Banner across nodes"));
        // The live part of the question page, as the reader's node renders it in a reader's circuit.
        await using var circuit = new BunitContext();
        circuit.Services.AddSingleton(reader.Services.GetRequiredService<ILiveEvents>());
        circuit.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var banner = circuit.Render<LiveQuestionUpdates>(parameters => parameters
            .Add(live => live.QuestionId, question.Id)
            .Add(live => live.ViewerId, "a-reader-on-the-other-node"));
        Assert.Equal("on", banner.Find(".live-updates").GetAttribute("data-live"));

        var expert = await writer.SignedInClientAsync(Demo.Expert);
        await expert.AnswerAsync(question.Path, "Reset the Beacon Point with the pin hole for ten seconds, then re-add it in the app.");

        banner.WaitForAssertion(() => Assert.Contains("1 new answer", banner.Find(".live-banner").TextContent), Patience);
    }

    /// <summary>The sign-in cookie <paramref name="first"/> sets is accepted by <paramref name="second"/>.</summary>
    public static async Task SignInIsValidOnTheOtherNodeAsync(CommunityWebFactory first, CommunityWebFactory second)
    {
        var onFirst = first.CreateBrowserlessClient();
        var signIn = await onFirst.SignInAsync(Demo.Customer, CommunityWebFactory.DemoPassword);
        var cookies = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(cookie => cookie.Split(';')[0]));
        var onSecond = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var anonymous = await onSecond.GetAsync("/Account/Manage", Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Manage");
        request.Headers.Add("Cookie", cookies);
        var signedIn = await onSecond.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains(Demo.Customer, await signedIn.Content.ReadAsStringAsync(Ct));
    }
}
