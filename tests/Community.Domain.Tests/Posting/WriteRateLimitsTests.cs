using Community.Domain.Posting;
using Microsoft.Extensions.Time.Testing;

namespace Community.Domain.Tests.Posting;

public sealed class WriteRateLimitsTests
{
    private const string Address = "203.0.113.7";

    private readonly FakeTimeProvider _time = new(TestForum.Start);

    private WriteRateLimits Limits(WriteRateLimitOptions? options = null) => new(options ?? new WriteRateLimitOptions(), _time);

    private static Actor Member(string id, string? address = Address) => new(id, false, address);

    /// <summary>Writes until refused; returns how many were allowed.</summary>
    private static int WritesAllowed(WriteRateLimits limits, WriteKind kind, Actor actor, int atMost = 1000)
    {
        for (var i = 0; i < atMost; i++)
        {
            if (!limits.TryAcquire(kind, actor).Allowed)
                return i;
        }
        return atMost;
    }

    [Theory]
    [InlineData(WriteKind.Post, 30)]
    [InlineData(WriteKind.Edit, 60)]
    [InlineData(WriteKind.Vote, 30)]
    [InlineData(WriteKind.Comment, 6)]
    public void AMemberMayWriteUpToTheLimitInsideTheWindow(WriteKind kind, int limit) =>
        Assert.Equal(limit, WritesAllowed(Limits(), kind, Member("ada")));

    [Fact]
    public void TheWriteAfterTheLimitIsRefusedWithHowLongToWaitInSeconds()
    {
        var limits = Limits();
        var ada = Member("ada");
        Assert.True(limits.TryAcquire(WriteKind.Comment, ada).Allowed);
        _time.Advance(TimeSpan.FromSeconds(20));
        for (var i = 1; i < 6; i++)
            Assert.True(limits.TryAcquire(WriteKind.Comment, ada).Allowed);

        var refused = limits.TryAcquire(WriteKind.Comment, ada);

        Assert.False(refused.Allowed);
        Assert.Equal("You are commenting faster than this community allows. Wait 40 seconds and try again; nothing you typed is lost.", refused.Reason);
    }

    [Fact]
    public void ALongWaitIsGivenInMinutes()
    {
        var limits = Limits(new WriteRateLimitOptions { PostsPerHour = 2 });
        var ada = Member("ada");
        limits.TryAcquire(WriteKind.Post, ada);
        _time.Advance(TimeSpan.FromMinutes(15));
        limits.TryAcquire(WriteKind.Post, ada);

        var refused = limits.TryAcquire(WriteKind.Post, ada);

        Assert.False(refused.Allowed);
        Assert.Contains("You are posting faster than this community allows. Wait 45 minutes and try again", refused.Reason);
    }

    [Fact]
    public void AWriteIsAllowedAgainOnceTheWindowHasPassed()
    {
        var limits = Limits();
        var ada = Member("ada");
        Assert.Equal(6, WritesAllowed(limits, WriteKind.Comment, ada));

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(limits.TryAcquire(WriteKind.Comment, ada).Allowed);
    }

    [Fact]
    public void TheWindowSlidesSoOnlyExpiredWritesMakeRoom()
    {
        var limits = Limits();
        var ada = Member("ada");
        limits.TryAcquire(WriteKind.Comment, ada);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(5, WritesAllowed(limits, WriteKind.Comment, ada));

        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(1, WritesAllowed(limits, WriteKind.Comment, ada));
    }

    [Fact]
    public void JustBeforeTheWindowEndsTheWriteIsStillRefused()
    {
        var limits = Limits();
        var ada = Member("ada");
        WritesAllowed(limits, WriteKind.Comment, ada);

        _time.Advance(TimeSpan.FromSeconds(59));

        var refused = limits.TryAcquire(WriteKind.Comment, ada);
        Assert.False(refused.Allowed);
        Assert.Contains("Wait 1 second and try again", refused.Reason);
    }

    [Fact]
    public void EachKindOfWriteHasItsOwnLimit()
    {
        var limits = Limits();
        var ada = Member("ada");
        WritesAllowed(limits, WriteKind.Comment, ada);

        Assert.True(limits.TryAcquire(WriteKind.Vote, ada).Allowed);
        Assert.True(limits.TryAcquire(WriteKind.Post, ada).Allowed);
    }

    [Fact]
    public void OneMembersWritesDoNotUseUpAnothersLimit()
    {
        var limits = Limits();
        WritesAllowed(limits, WriteKind.Comment, Member("ada", "198.51.100.1"));

        Assert.True(limits.TryAcquire(WriteKind.Comment, Member("grace", "198.51.100.2")).Allowed);
    }

    [Fact]
    public void AMemberOverTheLimitIsRefusedFromAnyAddress()
    {
        var limits = Limits();
        WritesAllowed(limits, WriteKind.Comment, Member("ada", "198.51.100.1"));

        Assert.False(limits.TryAcquire(WriteKind.Comment, Member("ada", "198.51.100.2")).Allowed);
        Assert.False(limits.TryAcquire(WriteKind.Comment, Member("ada", null)).Allowed);
    }

    [Fact]
    public void TwoMembersFromOneAddressShareTheAddressLimit()
    {
        // An address may write AddressMultiplier × the member limit: with a multiplier of 1, the first member uses it all.
        var limits = Limits(new WriteRateLimitOptions { AddressMultiplier = 1 });
        Assert.Equal(6, WritesAllowed(limits, WriteKind.Comment, Member("ada")));

        var refused = limits.TryAcquire(WriteKind.Comment, Member("grace"));

        Assert.False(refused.Allowed);
        Assert.Contains("Wait 60 seconds", refused.Reason);
        Assert.True(limits.TryAcquire(WriteKind.Comment, Member("grace", "198.51.100.9")).Allowed);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void AnAddressMayWriteTheMultiplierTimesTheMemberLimit(int multiplier)
    {
        var limits = Limits(new WriteRateLimitOptions { CommentsPerMinute = 4, AddressMultiplier = multiplier });

        var total = 0;
        for (var member = 0; member <= multiplier; member++)
            total += WritesAllowed(limits, WriteKind.Comment, Member($"member-{member}"));

        Assert.Equal(4 * multiplier, total);
    }

    [Fact]
    public void AnAddressIsAllowedAgainOnceTheWindowHasPassed()
    {
        var limits = Limits(new WriteRateLimitOptions { AddressMultiplier = 1 });
        WritesAllowed(limits, WriteKind.Comment, Member("ada"));

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(limits.TryAcquire(WriteKind.Comment, Member("grace")).Allowed);
    }

    [Fact]
    public void ModeratorsAreExempt()
    {
        var limits = Limits();
        var moderator = new Actor("mod", true, Address);

        Assert.Equal(500, WritesAllowed(limits, WriteKind.Comment, moderator, atMost: 500));
    }

    [Fact]
    public void AModeratorsWritesDoNotUseUpTheirAddress()
    {
        var limits = Limits(new WriteRateLimitOptions { AddressMultiplier = 1 });
        WritesAllowed(limits, WriteKind.Comment, new Actor("mod", true, Address), atMost: 50);

        Assert.Equal(6, WritesAllowed(limits, WriteKind.Comment, Member("ada")));
    }
}
