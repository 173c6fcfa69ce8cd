namespace ActorRisk.Domain.Cards;

/// <summary>A block on a card: automatic (from a velocity limit) or manual (an operator, named in BlockedBy).</summary>
public sealed record CardBlock(
    DateTimeOffset Since,
    DateTimeOffset? Until,
    string ReasonCode,
    string Reason,
    string? BlockedBy)
{
    public bool IsActive(DateTimeOffset now) => now >= Since && (Until is null || now < Until);
}
