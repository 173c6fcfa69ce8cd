namespace ActorRisk.Api.Endpoints;

// The JSON shapes of the public API (camelCase; money as { amount, currency } in minor units). Request bodies are
// parsed field by field (RequestFields) for precise errors; these records document them in the OpenAPI document.

/// <summary>POST /v1/authorizations. Send exactly one of cardToken and pan.</summary>
public sealed record AuthorizationRequestBody(
    string AuthorizationId,
    string? CardToken,
    string? Pan,
    string MerchantId,
    long Amount,
    string Currency,
    DateTimeOffset? Timestamp,
    bool? CardPresent,
    bool? CvcProvided,
    bool? IsVerification,
    string? CardType,
    string? Mcc,
    string? IpAddress,
    string? DeviceId,
    string? IssuerCountry,
    string? Network);

public sealed record ReasonBody(string Code, string Action, string Message);

public sealed record AuthorizationResponse(
    string AuthorizationId,
    string CardToken,
    string? Last4,
    string Decision,
    IReadOnlyList<ReasonBody> Reasons,
    bool CardBlocked,
    DateTimeOffset? CardBlockedUntil,
    DateTimeOffset DecidedAt,
    bool Replayed);

/// <summary>POST /v1/authorizations/{authorizationId}/outcome.</summary>
public sealed record OutcomeRequestBody(bool Approved, string? DeclineCode);

public sealed record OutcomeResponse(string AuthorizationId, bool Recorded, bool KnownAuthorization);

/// <summary>POST /v1/cards/{cardToken}/block and /unblock.</summary>
public sealed record CardActionBody(string Reason, DateTimeOffset? Until);

public sealed record CardBlockBody(DateTimeOffset Since, DateTimeOffset? Until, string ReasonCode, string Reason, string? BlockedBy);

public sealed record CardDecisionBody(
    string AuthorizationId,
    DateTimeOffset At,
    string MerchantId,
    Money Amount,
    string Decision,
    IReadOnlyList<string> ReasonCodes,
    bool SmallAuthorization,
    bool? IssuerApproved);

/// <summary>Cards found by last four digits and/or merchant; <c>More</c>: the limit cut the list short, narrow the search.</summary>
public sealed record CardListResponse(IReadOnlyList<CardListItem> Items, bool More);

/// <summary>One card found: its token, last four digits, block and last activity.</summary>
public sealed record CardListItem(string CardToken, string? Last4, bool Blocked, DateTimeOffset? BlockedUntil, DateTimeOffset? LastActivityAt);

public sealed record CardResponse(
    string CardToken,
    string? Last4,
    bool Blocked,
    CardBlockBody? Block,
    IReadOnlyList<CounterWindow> Counters,
    IReadOnlyList<CardDecisionBody> RecentDecisions,
    DateTimeOffset? LastActivityAt);
