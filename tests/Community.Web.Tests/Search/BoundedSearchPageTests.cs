using Community.Domain.Search;
using Community.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.Search;

/// <summary>
/// The search page when the count stops at the bound (issue 11; <see cref="SearchBounds"/>): it says "N+ results" and
/// why, never a number it did not count. Tiny bounds on the demo community, so a common word passes them.
/// </summary>
public sealed class BoundedSearchPageTests(BoundedSearchPageTests.TinyBoundsFactory factory) : IClassFixture<BoundedSearchPageTests.TinyBoundsFactory>
{
    public sealed class TinyBoundsFactory : CommunityWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton(new SearchBounds(Candidates: 2, TitleCandidates: 1)));
        }
    }

    [Fact]
    public async Task A_count_past_the_bound_says_plus_and_explains()
    {
        var page = await factory.CreateBrowserlessClient().GetDocumentAsync("/search?q=beacon");

        var count = page.QuerySelector(".search-count")!.TextContent.Trim();
        Assert.Matches(@"^\d+\+ results$", count);
        Assert.NotNull(page.QuerySelector(".search-bound"));
        // The two newest matches, the newest title match and the two first articles: the ranked candidates.
        Assert.InRange(page.QuerySelectorAll(".search-hit").Length, 2, 5);
    }
}
