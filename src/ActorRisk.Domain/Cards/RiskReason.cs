namespace ActorRisk.Domain.Cards;

/// <summary>One matched rule: a stable machine code, the action it asks for, and a sentence for humans.</summary>
public sealed record RiskReason(string Code, RiskAction Action, string Message);
