namespace ActorRisk.Grains.Cards;

/// <summary>What the policy grain stores: the edited book, or nothing while the configured one applies.</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.policy-state")]
public sealed record PolicyGrainState
{
    [Id(0)]
    public CardPolicyBook? Book { get; init; }
}
