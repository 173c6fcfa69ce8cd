using System.Reflection;
using ActorRisk.Abstractions.Serialization;
using ActorRisk.Grains.Cards;
using ActorRisk.Grains.Tests.Samples;

namespace ActorRisk.Grains.Tests.Serialization;

/// <summary>Grain state is stored as ActorRisk JSON (JsonGrainStateSerializer) in every store, and reads back whole.</summary>
[Collection(SharedCluster.Name)]
public sealed class GrainStateJsonTests(ClusterFixture fixture)
{
    /// <summary>
    /// A card as the old runtime stored it, before answered authorizations moved into the card's state: no "answered".
    /// Its one decision was made ten minutes before the cluster's clock starts.
    /// </summary>
    public const string OldRuntimeCardJson = """
        {
          "risk": {
            "activity": {
              "buckets": [
                { "startMinute": 29692070, "widthMinutes": 1, "attempts": 1, "smallAuthorizations": 0, "issuerDeclines": 0, "merchants": [2984598784] }
              ],
              "latestEventAt": "2026-06-15T11:50:00+00:00"
            },
            "block": null,
            "recentDecisions": [
              {
                "authorizationId": "old-1",
                "at": "2026-06-15T11:50:00+00:00",
                "merchantId": "m-old",
                "amount": { "amount": 2500, "currency": "USD" },
                "action": "Approve",
                "reasonCodes": [ "no_risk_signals" ],
                "smallAuthorization": false,
                "issuerApproved": true
              }
            ]
          },
          "last4": "1111"
        }
        """;

    private static readonly MethodInfo TypedRoundTrip = typeof(GrainStateJsonTests).GetMethod(nameof(RoundTrip), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static TheoryData<string> States() =>
        new("CardGrainState", "MerchantGrainState", "MerchantHistoryState", "MerchantSummary", "PolicyGrainState", "AccessGrainState");

    [Theory]
    [MemberData(nameof(States))]
    public void StateRoundTripsAsJson(string name)
    {
        var state = Sample.Named(name);

        var read = TypedRoundTrip.MakeGenericMethod(state.GetType()).Invoke(null, [state]);

        Structural.AssertEqual(state, read);
    }

    [Fact]
    public void CardStateOfTheOldRuntimeReadsWithNoAnsweredAuthorizations()
    {
        var state = new JsonGrainStateSerializer().Deserialize<CardGrainState>(BinaryData.FromString(OldRuntimeCardJson))!;

        Assert.False(state.Answered.IsDefault);
        Assert.Empty(state.Answered);
        Assert.Equal("1111", state.Last4);
        var decision = Assert.Single(state.Risk.RecentDecisions);
        Assert.Equal(("old-1", "m-old", Money.Usd(25m), true), (decision.AuthorizationId, decision.MerchantId, decision.Amount, decision.IssuerApproved));
        Assert.Equal(1, Assert.Single(state.Risk.Activity.Buckets).Attempts);
    }

    [Fact]
    public async Task CardStateOfTheOldRuntimeServesAuthorizationsAndTheirRetries()
    {
        var card = fixture.Client.GetGrain<ICardGrain>(Requests.NewId("card"));
        await StoredState.WriteJsonAsync(fixture.Silo, "card", card.GetGrainId(), OldRuntimeCardJson);
        var request = Requests.Authorization(Requests.NewId("auth"), "m-new", last4: null);

        var first = await card.AuthorizeAsync(request);
        var retry = await card.AuthorizeAsync(request);

        Assert.Equal("1111", first.Last4);
        Assert.False(first.Replayed);
        Assert.True(retry.Replayed);
        var snapshot = await card.GetAsync();
        Assert.Equal(["auth", "old-1"], snapshot.RecentDecisions.Select(d => d.AuthorizationId == request.Authorization.AuthorizationId ? "auth" : d.AuthorizationId));
    }

    private static T? RoundTrip<T>(T state)
    {
        var serializer = new JsonGrainStateSerializer();
        return serializer.Deserialize<T>(serializer.Serialize(state));
    }
}
