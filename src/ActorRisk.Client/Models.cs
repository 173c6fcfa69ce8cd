namespace ActorRisk.Client;

/// <summary>An amount in ISO 4217 minor units (JPY 100 = 100; USD 1.00 = 100).</summary>
public sealed record MoneyAmount(long Amount, string Currency);

/// <summary>
/// One authorization to decide. Send exactly one of <see cref="CardToken"/> and <see cref="Pan"/>; a PAN is turned
/// into a token by the silo and never stored. Reuse the same <see cref="AuthorizationId"/> on retries.
/// </summary>
public sealed record AuthorizationRequest
{
    public required string AuthorizationId { get; init; }

    public string? CardToken { get; init; }

    public string? Pan { get; init; }

    public required string MerchantId { get; init; }

    /// <summary>Minor units.</summary>
    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public bool? CardPresent { get; init; }

    public bool? CvcProvided { get; init; }

    public bool? IsVerification { get; init; }

    /// <summary>credit, debit, prepaid or unknown.</summary>
    public string? CardType { get; init; }

    public string? Mcc { get; init; }

    public string? IpAddress { get; init; }

    public string? DeviceId { get; init; }

    public string? IssuerCountry { get; init; }
}

public sealed record Reason(string Code, string Action, string Message);

/// <summary>The silo's answer: decision is approve, review, challenge or decline.</summary>
public sealed record AuthorizationResult(
    string AuthorizationId,
    string CardToken,
    string? Last4,
    string Decision,
    IReadOnlyList<Reason> Reasons,
    bool CardBlocked,
    DateTimeOffset? CardBlockedUntil,
    DateTimeOffset DecidedAt,
    bool Replayed);

public sealed record OutcomeResult(string AuthorizationId, bool Recorded, bool KnownAuthorization);

public sealed record CounterWindow(string Window, int Attempts, int SmallAuthorizations, int IssuerDeclines, int DistinctMerchants);

public sealed record CardBlock(DateTimeOffset Since, DateTimeOffset? Until, string ReasonCode, string Reason, string? BlockedBy);

public sealed record CardDecision(
    string AuthorizationId,
    DateTimeOffset At,
    string MerchantId,
    MoneyAmount Amount,
    string Decision,
    IReadOnlyList<string> ReasonCodes,
    bool SmallAuthorization,
    bool? IssuerApproved);

public sealed record CardView(
    string CardToken,
    string? Last4,
    bool Blocked,
    CardBlock? Block,
    IReadOnlyList<CounterWindow> Counters,
    IReadOnlyList<CardDecision> RecentDecisions,
    DateTimeOffset? LastActivityAt);
