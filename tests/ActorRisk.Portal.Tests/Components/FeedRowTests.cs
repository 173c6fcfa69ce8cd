using ActorRisk.Abstractions.Cards;
using ActorRisk.Domain.Values;
using ActorRisk.Domain.Cards;
using ActorRisk.Portal.Components.Pages;
using Bunit;

namespace ActorRisk.Portal.Tests.Components;

/// <summary>A live-feed row renders its decision once: the feed's re-renders pass it the same decision and cost nothing.</summary>
public sealed class FeedRowTests : IAsyncDisposable
{
    private readonly BunitContext context = new();

    [Fact]
    public void TheSameDecisionAgainDoesNotRenderTheRowAgain()
    {
        var decision = Decision("auth-1", RiskAction.Decline);
        var row = context.Render<FeedRow>(p => p.Add(r => r.Decision, decision));
        Assert.Equal(1, row.RenderCount);
        Assert.Contains("decline", row.Markup, StringComparison.Ordinal);

        row.Render(p => p.Add(r => r.Decision, decision));
        row.Render(p => p.Add(r => r.Decision, decision));
        Assert.Equal(1, row.RenderCount);
    }

    [Fact]
    public void AnotherDecisionRendersTheRowWithIt()
    {
        var row = context.Render<FeedRow>(p => p.Add(r => r.Decision, Decision("auth-1", RiskAction.Decline)));
        row.Render(p => p.Add(r => r.Decision, Decision("auth-2", RiskAction.Approve, merchant: "m_other")));

        Assert.Equal(2, row.RenderCount);
        Assert.Contains("m_other", row.Markup, StringComparison.Ordinal);
        Assert.Contains("approve", row.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("decline", row.Markup, StringComparison.Ordinal);
    }

    private static CardDecisionEvent Decision(string authorizationId, RiskAction action, string merchant = "m_shop", string token = "tok_aaaa") =>
        new(token, "4242", merchant, Money.Jpy(100), new AuthorizationDecision(
            authorizationId, token, "4242", action, [], CardBlocked: false, CardBlockedUntil: null, DecidedAt: DateTimeOffset.UnixEpoch, SmallAuthorization: false));

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
