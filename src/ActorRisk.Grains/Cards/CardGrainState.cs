using ActorRisk.Grains.Idempotency;

namespace ActorRisk.Grains.Cards;

/// <summary>
/// What a card grain persists: the domain's risk state (bounded counters, block, recent decisions), the last four
/// digits for display, and the authorizations it answered within the retention period (see <see cref="AnsweredRequests"/>),
/// all in one write.
/// </summary>
[GenerateSerializer, Immutable, Alias("actorrisk.card-state")]
public sealed record CardGrainState
{
    [Id(0)]
    public CardRiskState Risk { get; init; } = CardRiskState.New;

    [Id(1)]
    public string? Last4 { get; init; }

    [Id(2)]
    public ImmutableArray<AnsweredRequest<AuthorizationDecision>> Answered { get; init; } = [];
}
