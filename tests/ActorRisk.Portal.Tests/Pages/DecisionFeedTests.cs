using ActorRisk.Abstractions.Cards;
using ActorRisk.Domain.Cards;
using ActorRisk.Domain.Values;
using ActorRisk.Portal.Components.Pages;

namespace ActorRisk.Portal.Tests.Pages;

/// <summary>
/// The live feed page's state without a browser: newest first and bounded, filters that hide rows without losing
/// them, pause counting what it does not show, and the missed count carried from the live updates.
/// </summary>
public sealed class DecisionFeedTests
{
    [Fact]
    public void ABatchIsShownNewestFirstAboveWhatWasThere()
    {
        var feed = new DecisionFeed();
        feed.Apply([Decision("a1"), Decision("a2")], missed: 0);
        feed.Apply([Decision("a3")], missed: 0);

        Assert.Equal(["a3", "a2", "a1"], Ids(feed.Visible));
        Assert.Equal(3, feed.Visible.Select(r => r.Sequence).Distinct().Count());
    }

    [Fact]
    public void OnlyTheNewestRowsAreKept()
    {
        var feed = new DecisionFeed(capacity: 300);
        feed.Apply(Enumerable.Range(0, 250).Select(i => Decision($"a{i}")), missed: 0);
        feed.Apply(Enumerable.Range(250, 100).Select(i => Decision($"a{i}")), missed: 0);

        Assert.Equal(300, feed.Rows.Count);
        Assert.Equal("a349", feed.Rows[0].Decision.Decision.AuthorizationId);
        Assert.Equal("a50", feed.Rows[^1].Decision.Decision.AuthorizationId);

        // A single batch larger than the feed keeps its newest rows too.
        var small = new DecisionFeed(capacity: 5);
        small.Apply(Enumerable.Range(0, 8).Select(i => Decision($"b{i}")), missed: 0);
        Assert.Equal(["b7", "b6", "b5", "b4", "b3"], Ids(small.Rows));
    }

    [Fact]
    public void FiltersHideRowsThatDoNotMatchAndShowThemAgainWhenCleared()
    {
        var feed = new DecisionFeed();
        feed.Apply(
        [
            Decision("approve-1", RiskAction.Approve, "m_shop", "tok_aaaa"),
            Decision("decline-1", RiskAction.Decline, "m_shop", "tok_bbbb"),
            Decision("challenge-1", RiskAction.Challenge, "m_other", "tok_aaaa"),
            Decision("review-1", RiskAction.Review, "m_other", "tok_cccc"),
        ], missed: 0);

        feed.Outcome = FeedOutcome.Decline;
        Assert.Equal(["decline-1"], Ids(feed.Visible));
        feed.Outcome = FeedOutcome.Flagged;
        Assert.Equal(["challenge-1", "decline-1"], Ids(feed.Visible));
        feed.Outcome = FeedOutcome.Review;
        Assert.Equal(["review-1"], Ids(feed.Visible));

        feed.Outcome = FeedOutcome.Any;
        feed.Merchant = " M_SHOP ";
        Assert.Equal(["decline-1", "approve-1"], Ids(feed.Visible));

        feed.Merchant = null;
        feed.CardToken = "aaaa";
        Assert.Equal(["challenge-1", "approve-1"], Ids(feed.Visible));

        feed.Merchant = "m_other";
        Assert.Equal(["challenge-1"], Ids(feed.Visible));

        feed.Merchant = "";
        feed.CardToken = "  ";
        Assert.Equal(4, feed.Visible.Count());
    }

    [Fact]
    public void WhilePausedArrivalsAreCountedNotShownAndResumeSaysHowManyThenShowsNewOnes()
    {
        var feed = new DecisionFeed();
        feed.Apply([Decision("before")], missed: 0);
        feed.Pause();
        Assert.True(feed.Paused);

        feed.Apply([Decision("p1"), Decision("p2")], missed: 0);
        feed.Apply([Decision("p3")], missed: 0);
        Assert.Equal(["before"], Ids(feed.Visible));
        Assert.Equal(3, feed.ArrivedWhilePaused);
        Assert.Null(feed.LeftOutByLastPause);

        feed.Resume();
        Assert.False(feed.Paused);
        Assert.Equal(3, feed.LeftOutByLastPause);
        Assert.Equal(0, feed.ArrivedWhilePaused);

        feed.Apply([Decision("after")], missed: 0);
        Assert.Equal(["after", "before"], Ids(feed.Visible));

        // A second pause counts from zero.
        feed.Pause();
        feed.Apply([Decision("q1")], missed: 0);
        Assert.Equal(1, feed.ArrivedWhilePaused);
    }

    [Fact]
    public void APauseCountsOnlyWhatTheFiltersWouldHaveShown()
    {
        var feed = new DecisionFeed { Outcome = FeedOutcome.Decline };
        feed.Pause();
        feed.Apply([Decision("a", RiskAction.Approve), Decision("d", RiskAction.Decline)], missed: 0);
        Assert.Equal(1, feed.ArrivedWhilePaused);
    }

    [Fact]
    public void TheMissedCountIsTheLiveUpdatesTotalPausedOrNot()
    {
        var feed = new DecisionFeed();
        Assert.Equal(0, feed.Missed);
        feed.Apply([Decision("a")], missed: 12);
        Assert.Equal(12, feed.Missed);
        feed.Pause();
        feed.Apply([Decision("b")], missed: 40);
        Assert.Equal(40, feed.Missed);
    }

    private static List<string> Ids(IEnumerable<FeedEntry> rows) => [.. rows.Select(r => r.Decision.Decision.AuthorizationId)];

    private static CardDecisionEvent Decision(string authorizationId, RiskAction action = RiskAction.Approve, string merchant = "m_shop", string token = "tok_aaaa") =>
        new(token, "4242", merchant, Money.Jpy(100), new AuthorizationDecision(
            authorizationId, token, "4242", action, [], CardBlocked: false, CardBlockedUntil: null, DecidedAt: DateTimeOffset.UnixEpoch, SmallAuthorization: false));
}
