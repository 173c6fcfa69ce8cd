namespace ActorRisk.Domain.Cards;

/// <summary>
/// The acquirer stopped accepting payments for a merchant (an operator's decision, say while a fraud or
/// card-testing investigation runs): who did it, when and why. Lasts until the merchant is reinstated.
/// </summary>
public sealed record MerchantSuspension(string Reason, string SuspendedBy, DateTimeOffset Since);
