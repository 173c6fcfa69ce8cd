namespace ActorRisk.Domain.Cards;

/// <summary>
/// One authorization request as the card grain sees it: the PAN has already been replaced by a token at the edge.
/// A zero amount is a card-brand Account Verification, whatever <see cref="IsVerification"/> says.
/// </summary>
public sealed record CardAuthorization(
    string AuthorizationId,
    string MerchantId,
    Money Amount,
    DateTimeOffset? Timestamp = null,
    bool CardPresent = false,
    bool? CvcProvided = null,
    bool IsVerification = false,
    CardType CardType = CardType.Unknown,
    string? Mcc = null,
    string? IssuerCountry = null)
{
    public bool IsZeroAmountVerification => Amount.Amount == 0;
}
