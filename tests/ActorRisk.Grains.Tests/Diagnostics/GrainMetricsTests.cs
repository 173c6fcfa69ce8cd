using System.Diagnostics.Metrics;
using ActorRisk.Grains.Cards;
using ActorRisk.Grains.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ActorRisk.Grains.Tests.Diagnostics;

/// <summary>
/// The grains' instruments, read from the test silo's own meter factory while the real grains run: what each counts,
/// and with which tags. The tests of this collection run one after another, so a collector made at a test's start
/// sees that test's authorizations only (the forwarder's timers may add hand-overs of earlier ones).
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class GrainMetricsTests(ClusterFixture fixture)
{
    private IMeterFactory Meters => fixture.Silo.GetRequiredService<IMeterFactory>();

    private MetricCollector<long> Collect(string instrument) => new(Meters, GrainMetrics.MeterName, instrument);

    [Fact]
    public async Task ABurstOfSmallAuthorizationsBlocksTheCardOnceAndCountsEachDecisionOnce()
    {
        using var decided = Collect(GrainMetrics.AuthorizationsName);
        using var blocked = Collect(GrainMetrics.CardsBlockedName);
        using var replayed = Collect(GrainMetrics.ReplayedName);
        var card = fixture.Client.GetGrain<ICardGrain>(Requests.NewId("card"));
        var merchantId = Requests.NewId("m");
        var requests = Enumerable.Range(0, 5).Select(_ => Requests.Authorization(Requests.NewId("auth"), merchantId, usd: 1m)).ToList();

        var decisions = new List<AuthorizationDecision>();
        foreach (var request in requests)
        {
            decisions.Add(await card.AuthorizeAsync(request));
        }

        var measured = decided.GetMeasurementSnapshot();
        Assert.Equal(
            decisions.Select(d => (1L, GrainMetrics.Name(d.Decision), d.Reasons[0].Code)),
            measured.Select(m => (m.Value, (string)m.Tags[GrainMetrics.DecisionTag]!, (string)m.Tags[GrainMetrics.ReasonTag]!)));
        Assert.Contains(measured, m => Equals(m.Tags[GrainMetrics.DecisionTag], "decline") && Equals(m.Tags[GrainMetrics.ReasonTag], ReasonCodes.SmallAuthBurst));
        Assert.Contains(measured, m => Equals(m.Tags[GrainMetrics.DecisionTag], "approve"));
        var block = Assert.Single(blocked.GetMeasurementSnapshot());
        Assert.Equal(1, block.Value);
        Assert.Equal(ReasonCodes.SmallAuthBurst, block.Tags[GrainMetrics.RuleTag]);
        Assert.Empty(replayed.GetMeasurementSnapshot());

        // The gateway's retry of the last one: answered again, a replay and not a sixth decision.
        var retry = await card.AuthorizeAsync(requests[^1]);

        Assert.True(retry.Replayed);
        Assert.Equal(5, decided.GetMeasurementSnapshot().Count);
        var replay = Assert.Single(replayed.GetMeasurementSnapshot());
        Assert.Equal("decline", replay.Tags[GrainMetrics.DecisionTag]);
        Assert.Single(blocked.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task AnOperatorsBlockCountsOnceUnderItsOwnRule()
    {
        using var blocked = Collect(GrainMetrics.CardsBlockedName);
        var card = fixture.Client.GetGrain<ICardGrain>(Requests.NewId("card"));

        await card.BlockAsync(new CardBlockCommand("stolen", "operator@example.com"));
        await card.BlockAsync(new CardBlockCommand("stolen, again", "operator@example.com"));

        var block = Assert.Single(blocked.GetMeasurementSnapshot());
        Assert.Equal(ReasonCodes.ManualBlock, block.Tags[GrainMetrics.RuleTag]);
    }

    [Fact]
    public async Task CardTestingAtAMerchantRaisesOneAlertWhileItsLockdownLasts()
    {
        using var alerts = Collect(GrainMetrics.MerchantAlertsName);
        var sink = fixture.Silo.GetRequiredService<RecordingAlertSink>();
        var handedOver = sink.Alerts.Count;
        var merchantId = Requests.NewId("m");
        var merchant = fixture.Client.GetGrain<IMerchantGrain>(merchantId);
        var cards = Enumerable.Range(1, 12).Select(i => (uint)i).ToImmutableArray();

        await merchant.RecordAuthorizationsAsync(new AuthorizationActivity(Requests.NewId("batch"), fixture.Clock.GetUtcNow(), [new NetworkAuthorizations(CardNetwork.Visa, 12, 12)], cards));
        await merchant.RecordAuthorizationsAsync(new AuthorizationActivity(Requests.NewId("batch"), fixture.Clock.GetUtcNow(), [new NetworkAuthorizations(CardNetwork.Visa, 12, 12)], cards));

        Assert.Single(sink.Alerts, a => a.MerchantId == merchantId && a.Kind == MerchantAlertKind.CardTesting);
        var cardTesting = alerts.GetMeasurementSnapshot().Where(m => Equals(m.Tags[GrainMetrics.KindTag], "card_testing")).ToList();
        Assert.NotEmpty(cardTesting);
        Assert.All(cardTesting, m => Assert.Equal("none", m.Tags[GrainMetrics.ProgramTag]));

        // Every alert handed to the outbox meanwhile is counted once, whichever merchant raised it.
        var raised = sink.Alerts.Skip(handedOver).ToList();
        Assert.Equal(raised.Count, alerts.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(raised.Count(a => a.Kind == MerchantAlertKind.CardTesting), cardTesting.Sum(m => m.Value));
    }

    [Fact]
    public async Task HistoryRowsAreCountedByWhatBecameOfThem()
    {
        using var months = Collect(GrainMetrics.HistoryMonthsName);
        var merchant = fixture.Client.GetGrain<IMerchantGrain>(Requests.NewId("m"));
        var first = YearMonth.Of(fixture.Clock.GetUtcNow()).AddMonths(-4);
        var rows = Enumerable.Range(0, 3).Select(i => Month(first.AddMonths(i), disputes: 10)).ToImmutableArray();

        await merchant.ImportHistoryAsync(new HistoryImport(rows));
        await merchant.ImportHistoryAsync(new HistoryImport(rows));
        // Other totals for an imported month, without Replace, refuse the whole import: the new month is not stored.
        await merchant.ImportHistoryAsync(new HistoryImport([Month(first, disputes: 11), Month(first.AddMonths(3), disputes: 10)]));

        Assert.Equal(
            [(3L, "imported"), (3L, "unchanged"), (2L, "refused")],
            months.GetMeasurementSnapshot().Select(m => (m.Value, (string)m.Tags[GrainMetrics.StatusTag]!)));
    }

    [Fact]
    public async Task AFailedHandOverIsCountedAsARetryThenAsHandedOver()
    {
        using var handOvers = Collect(GrainMetrics.HandOversName);
        var directory = fixture.Silo.GetRequiredService<RecordingCardDirectory>();
        var token = Requests.NewId("card");
        directory.FailNextAdd();

        await fixture.Client.GetGrain<ICardGrain>(token).AuthorizeAsync(Requests.Authorization(Requests.NewId("auth"), Requests.NewId("m"), last4: "1234"));
        await Eventually.Until(() => directory.Sightings, s => s.Any(x => x.CardToken == token));

        var sightings = handOvers.GetMeasurementSnapshot().Where(m => Equals(m.Tags[GrainMetrics.KindTag], HandOverNames.CardSightings)).ToList();
        Assert.Contains(sightings, m => Equals(m.Tags[GrainMetrics.OutcomeTag], HandOverNames.WillRetry) && m.Value >= 1);
        Assert.Contains(sightings, m => Equals(m.Tags[GrainMetrics.OutcomeTag], HandOverNames.HandedOver) && m.Value >= 1);
        Assert.DoesNotContain(sightings, m => Equals(m.Tags[GrainMetrics.OutcomeTag], HandOverNames.Dropped));
        await Eventually.Until(
            () => handOvers.GetMeasurementSnapshot().Where(m => Equals(m.Tags[GrainMetrics.KindTag], HandOverNames.RequestRoutes) && Equals(m.Tags[GrainMetrics.OutcomeTag], HandOverNames.HandedOver)).Sum(m => m.Value),
            n => n >= 1);
    }

    [Fact]
    public async Task DecisionsBeyondTheFeedsCapacityAreCountedAsLeftOut()
    {
        // Decisions of earlier tests still waiting are published before the collectors start, so they are not counted here.
        var feed = fixture.Silo.GetRequiredService<DecisionFeed>();
        feed.Drain();
        await Task.Delay(3 * ActorRisk.Grains.Forwarding.ForwarderGrain.FeedInterval);
        using var leftOut = Collect(GrainMetrics.FeedLeftOutName);
        using var handOvers = Collect(GrainMetrics.HandOversName);
        var decision = new AuthorizationDecision("auth-x", "card-x", "4242", RiskAction.Approve, [], false, null, fixture.Clock.GetUtcNow(), false);
        var added = 2 * DecisionFeed.Capacity;

        // Faster than the forwarder's quarter-second drains: most of the second half finds the feed full.
        for (var i = 0; i < added; i++)
        {
            feed.Add(new CardDecisionEvent("card-x", "4242", "m-x", Money.Usd(1m), decision));
        }

        // Each decision added is either published or counted as left out, nothing in between.
        long Published() => handOvers.GetMeasurementSnapshot()
            .Where(m => Equals(m.Tags[GrainMetrics.KindTag], HandOverNames.Decisions) && Equals(m.Tags[GrainMetrics.OutcomeTag], HandOverNames.HandedOver))
            .Sum(m => m.Value);
        await Eventually.Until(() => Published() + leftOut.GetMeasurementSnapshot().Sum(m => m.Value), n => n >= added);

        Assert.Equal(added, Published() + leftOut.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.True(leftOut.GetMeasurementSnapshot().Sum(m => m.Value) > 0);
        Assert.All(leftOut.GetMeasurementSnapshot(), m => Assert.Empty(m.Tags));
    }

    private static ReportedMonth Month(YearMonth month, int disputes) => new()
    {
        Month = month,
        Network = CardNetwork.Visa,
        SalesCount = 10_000,
        SalesAmount = Money.Usd(10_000 * 42m),
        CardNotPresentSalesCount = 9_000,
        DisputeCount = disputes,
        DisputeAmount = Money.Usd(disputes * 40m),
        FraudReportCount = 0,
        FraudReportAmount = Money.Usd(0m),
    };
}
