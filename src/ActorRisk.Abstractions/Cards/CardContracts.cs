namespace ActorRisk.Abstractions.Cards;

// Messages of ICardGrain. Every one is immutable once sent ([Immutable]: Orleans passes it without copying inside a
// silo); the domain values they carry are immutable records serialized by the domain codec (DomainSerialization).

/// <summary>
/// An authorization as the card grain receives it: the domain's request plus the last four digits for display and
/// the card network (sent by the gateway or read from the card number's first digits at the edge; it attributes
/// the merchant's authorization counts). The PAN is already a token (keyed hash) at the edge.
/// </summary>
[GenerateSerializer, Immutable, Alias("actorrisk.authorization-request")]
public sealed record AuthorizationRequest(
    [property: Id(0)] CardAuthorization Authorization,
    [property: Id(1)] string? Last4 = null,
    [property: Id(2)] CardNetwork? Network = null)
{
    /// <summary>
    /// The same card's tokens under the previous card-token keys, newest key first (sent with a PAN during a key
    /// rotation's grace period; empty otherwise): a card without history takes over the first of them that has one.
    /// </summary>
    [Id(3)]
    public ImmutableArray<string> PreviousCardTokens { get; init; } = [];
}

/// <summary>An authorization for a tokenized card, as the API parses it (never sent to a grain).</summary>
public sealed record CardAuthorizationCommand(string CardToken, AuthorizationRequest Request);

/// <summary>
/// The card grain's answer. <see cref="Replayed"/> is true when the same authorization id was seen before:
/// the first answer is returned again and nothing is counted twice.
/// </summary>
[GenerateSerializer, Immutable, Alias("actorrisk.authorization-decision")]
public sealed record AuthorizationDecision(
    [property: Id(0)] string AuthorizationId,
    [property: Id(1)] string CardToken,
    [property: Id(2)] string? Last4,
    [property: Id(3)] RiskAction Decision,
    [property: Id(4)] ImmutableArray<RiskReason> Reasons,
    [property: Id(5)] bool CardBlocked,
    [property: Id(6)] DateTimeOffset? CardBlockedUntil,
    [property: Id(7)] DateTimeOffset DecidedAt,
    [property: Id(8)] bool SmallAuthorization,
    [property: Id(9)] bool Replayed = false);

/// <summary>The issuer's answer for an authorization (feeds the decline counters).</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.authorization-outcome")]
public sealed record AuthorizationOutcome(
    [property: Id(0)] string AuthorizationId,
    [property: Id(1)] bool Approved,
    [property: Id(2)] string? DeclineCode = null);

/// <summary>What an outcome did: false when the authorization is unknown to the card or its outcome was already recorded.</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.outcome-result")]
public sealed record OutcomeResult(
    [property: Id(0)] string AuthorizationId,
    [property: Id(1)] bool Recorded,
    [property: Id(2)] bool KnownAuthorization);

/// <summary>An operator's block or unblock (the actor and reason are audited by the caller).</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.card-block-command")]
public sealed record CardBlockCommand(
    [property: Id(0)] string Reason,
    [property: Id(1)] string Actor,
    [property: Id(2)] DateTimeOffset? Until = null);

/// <summary>One velocity counter window as the portal and API show it.</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.counter-window")]
public sealed record CounterWindow(
    [property: Id(0)] string Window,
    [property: Id(1)] int Attempts,
    [property: Id(2)] int SmallAuthorizations,
    [property: Id(3)] int IssuerDeclines,
    [property: Id(4)] int DistinctMerchants);

/// <summary>
/// Everything the API and portal show about a card. <see cref="CardToken"/> is the token the card's history lives
/// under: after a key rotation, a card read by its older token answers with its newer one.
/// </summary>
[GenerateSerializer, Immutable, Alias("actorrisk.card-snapshot")]
public sealed record CardSnapshot(
    [property: Id(0)] string CardToken,
    [property: Id(1)] string? Last4,
    [property: Id(2)] bool Blocked,
    [property: Id(3)] CardBlock? Block,
    [property: Id(4)] ImmutableArray<CounterWindow> Counters,
    [property: Id(5)] ImmutableArray<CardDecisionRecord> RecentDecisions,
    [property: Id(6)] DateTimeOffset? LastActivityAt);

/// <summary>A card decision as the live feed carries it.</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.card-decision-event")]
public sealed record CardDecisionEvent(
    [property: Id(0)] string CardToken,
    [property: Id(1)] string? Last4,
    [property: Id(2)] string MerchantId,
    [property: Id(3)] Money Amount,
    [property: Id(4)] AuthorizationDecision Decision);

/// <summary>
/// The decisions one silo made in a short interval, published as one stream item (CardStreams.Decisions): one
/// stream message per interval instead of one per authorization keeps the feed off the authorization's path.
/// <see cref="Dropped"/> counts the decisions the silo left out under extreme load.
/// </summary>
[GenerateSerializer, Immutable, Alias("actorrisk.card-decision-batch")]
public sealed record CardDecisionBatch(
    [property: Id(0)] ImmutableArray<CardDecisionEvent> Decisions,
    [property: Id(1)] long Dropped = 0);
