namespace ActorRisk.Domain.Cards;

/// <summary>
/// The answer for one authorization. <see cref="Action"/> is the most severe action among
/// <see cref="Reasons"/>, which are ordered most severe first. <see cref="CardBlocked"/> says whether the card is
/// blocked after this decision; <see cref="CardBlockedUntil"/> is null for a block that lasts until unblocked.
/// </summary>
public sealed record CardDecision(
    string AuthorizationId,
    RiskAction Action,
    ImmutableArray<RiskReason> Reasons,
    DateTimeOffset EvaluatedAt,
    bool SmallAuthorization,
    DateTimeOffset? CardBlockedUntil,
    bool CardBlocked = false);

/// <summary>A decision as the card remembers it (bounded list), with the issuer's outcome once reported.</summary>
public sealed record CardDecisionRecord(
    string AuthorizationId,
    DateTimeOffset At,
    string MerchantId,
    Values.Money Amount,
    RiskAction Action,
    ImmutableArray<string> ReasonCodes,
    bool SmallAuthorization,
    bool? IssuerApproved = null);
