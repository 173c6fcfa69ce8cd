namespace ActorRisk.Grains.Cards;

/// <summary>
/// An authorization as the card grain receives it: the domain's request plus the last four digits for display and
/// the card network (sent by the gateway or read from the card number's first digits at the edge; it attributes
/// the merchant's authorization counts). The PAN is already a token (keyed hash) at the edge.
/// </summary>
public sealed record AuthorizationRequest(CardAuthorization Authorization, string? Last4 = null, CardNetwork? Network = null);

/// <summary>An authorization for a tokenized card, as the API parses it.</summary>
public sealed record CardAuthorizationCommand(string CardToken, AuthorizationRequest Request);

/// <summary>
/// The card grain's answer. <see cref="Replayed"/> is true when the same authorization id was seen before:
/// the first answer is returned again and nothing is counted twice.
/// </summary>
public sealed record AuthorizationDecision(
    string AuthorizationId,
    string CardToken,
    string? Last4,
    RiskAction Decision,
    ImmutableArray<RiskReason> Reasons,
    bool CardBlocked,
    DateTimeOffset? CardBlockedUntil,
    DateTimeOffset DecidedAt,
    bool SmallAuthorization,
    bool Replayed = false);

/// <summary>The issuer's answer for an authorization (feeds the decline counters).</summary>
public sealed record AuthorizationOutcome(string AuthorizationId, bool Approved, string? DeclineCode = null);

/// <summary>What an outcome did: false when the authorization is unknown to the card or its outcome was already recorded.</summary>
public sealed record OutcomeResult(string AuthorizationId, bool Recorded, bool KnownAuthorization);

/// <summary>An operator's block or unblock (the actor and reason are audited by the caller).</summary>
public sealed record CardBlockCommand(string Reason, string Actor, DateTimeOffset? Until = null);

/// <summary>One velocity counter window as the portal and API show it.</summary>
public sealed record CounterWindow(string Window, int Attempts, int SmallAuthorizations, int IssuerDeclines, int DistinctMerchants);

/// <summary>Everything the API and portal show about a card.</summary>
public sealed record CardSnapshot(
    string CardToken,
    string? Last4,
    bool Blocked,
    CardBlock? Block,
    ImmutableArray<CounterWindow> Counters,
    ImmutableArray<CardDecisionRecord> RecentDecisions,
    DateTimeOffset? LastActivityAt);

/// <summary>A card decision as published on the "card-decisions" stream (the live feed).</summary>
public sealed record CardDecisionEvent(string CardToken, string? Last4, string MerchantId, Money Amount, AuthorizationDecision Decision);
