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

    /// <summary>
    /// Set when the card's history moved to the token a newer card-token key makes (see <see cref="ICardHandOver"/>):
    /// this card then forwards every call there and keeps the rest of its state only as it was when it moved.
    /// </summary>
    [Id(3)]
    public string? MovedTo { get; init; }

    /// <summary>The tokens this card's history lived under before, oldest first.</summary>
    [Id(4)]
    public ImmutableArray<string> FormerTokens { get; init; } = [];

    /// <summary>Whether anything happened to the card: an authorization, a block, an unblock.</summary>
    public bool HasHistory => Risk.Block is not null || !Risk.RecentDecisions.IsDefaultOrEmpty || Risk.Activity.LatestEventAt is not null || !Answered.IsDefaultOrEmpty;
}
