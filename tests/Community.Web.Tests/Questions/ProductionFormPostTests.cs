using System.Net;
using Community.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Community.Web.Tests.Questions;

/// <summary>The app as it runs for real: no developer exception page, and bad requests answered rather than thrown.</summary>
public sealed class ProductionWebFactory : CommunityWebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}

/// <summary>How a rejected form post is answered in Production, where no developer exception page catches what goes wrong.</summary>
public sealed class ProductionFormPostTests(ProductionWebFactory factory) : IClassFixture<ProductionWebFactory>
{
    [Fact]
    public async Task AValidVoteWorksInProduction()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Production vote"));
        var expert = await factory.SignedInClientAsync(Demo.Expert);

        var voted = await expert.FollowAsync(await expert.PostFormAsync(path, await expert.GetDocumentAsync(path),
            QuestionForms.Action($"posts/{id}/vote", withButton: "button.up")));

        Assert.Equal(1, QuestionForms.QuestionScore(voted, id));
    }

    [Fact]
    public async Task AVoteWithoutTheAntiforgeryTokenIsA400InProduction()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Production forged vote"));
        var expert = await factory.SignedInClientAsync(Demo.Expert);

        var response = await expert.PostFormAsync(path, await expert.GetDocumentAsync(path),
            QuestionForms.Action($"posts/{id}/vote", withButton: "button.up"), new() { ["__RequestVerificationToken"] = null });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, QuestionForms.QuestionScore(await expert.GetDocumentAsync(path), id));
    }
}
