namespace ActorRisk.Persistence.Tests.Support;

public enum AccountStatus
{
    Open,
    Frozen,
    Closed,
}

/// <summary>A grain state with the kinds of members the product's states have: text, numbers, an enum, a list.</summary>
public sealed class AccountState
{
    public string Owner { get; set; } = "";

    public long Balance { get; set; }

    public AccountStatus Status { get; set; }

    public List<string> Entries { get; set; } = [];
}

/// <summary>A state whose history records every write applied to it, to check that none is lost or half-written.</summary>
public sealed class SequenceState
{
    public long Seq { get; set; }

    public List<long> History { get; set; } = [];
}
