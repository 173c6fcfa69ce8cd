namespace ActorRisk.Persistence.Tests.Support;

[GenerateSerializer]
public enum AccountStatus
{
    Open,
    Frozen,
    Closed,
}

/// <summary>
/// A grain state with the kinds of members the product's states have: text, numbers, an enum, a list. Mutable, and
/// with an Orleans copier, so the memory store's copies are tested with a state a caller could change afterwards.
/// </summary>
[GenerateSerializer]
public sealed class AccountState
{
    [Id(0)]
    public string Owner { get; set; } = "";

    [Id(1)]
    public long Balance { get; set; }

    [Id(2)]
    public AccountStatus Status { get; set; }

    [Id(3)]
    public List<string> Entries { get; set; } = [];
}

/// <summary>An immutable state, as all of ActorRisk's are: the memory store keeps it as it is.</summary>
[GenerateSerializer, Immutable]
public sealed record LedgerState([property: Id(0)] string Owner, [property: Id(1)] long Balance);

/// <summary>A state whose history records every write applied to it, to check that none is lost or half-written.</summary>
[GenerateSerializer]
public sealed class SequenceState
{
    [Id(0)]
    public long Seq { get; set; }

    [Id(1)]
    public List<long> History { get; set; } = [];
}
