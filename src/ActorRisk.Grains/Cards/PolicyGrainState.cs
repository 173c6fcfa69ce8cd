namespace ActorRisk.Grains.Cards;

/// <summary>
/// What the policy grain stores: the edited book (or nothing while the configured one applies), the merchants under
/// card-testing lockdown, and the revision every silo compares with the one it applied.
/// </summary>
[GenerateSerializer, Immutable, Alias("actorrisk.policy-state")]
public sealed record PolicyGrainState
{
    [Id(0)]
    public CardPolicyBook? Book { get; init; }

    /// <summary>Counts the stored changes; a book stored before revisions existed counts as revision 1.</summary>
    [Id(1)]
    public long Revision { get; init; }

    [Id(2)]
    public ImmutableArray<MerchantLockdown> Lockdowns { get; init; } = [];

    /// <summary>The revision silos compare: a book stored before revisions existed is still newer than none.</summary>
    public long EffectiveRevision => Revision == 0 && (Book is not null || !Lockdowns.IsDefaultOrEmpty) ? 1 : Revision;
}
