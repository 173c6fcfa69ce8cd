namespace ActorRisk.Abstractions.Merchants;

/// <summary>
/// Authorizations at one merchant since the last drain, as counted by one silo's card grains: per network, how
/// many and how many were judged card testing, and the distinct cards (fingerprints) with small authorizations.
/// <see cref="BatchId"/> makes handing it to the merchant idempotent.
/// </summary>
[GenerateSerializer, Immutable, Alias("actorrisk.authorization-activity")]
public sealed record AuthorizationActivity(
    [property: Id(0)] string BatchId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] ImmutableArray<NetworkAuthorizations> Networks,
    [property: Id(3)] ImmutableArray<uint> SmallAuthorizationCards);

/// <summary>Counts on one network (null: the gateway sent no network and the card number did not tell).</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.network-authorizations")]
public sealed record NetworkAuthorizations(
    [property: Id(0)] CardNetwork? Network,
    [property: Id(1)] long Authorizations,
    [property: Id(2)] long Enumerated);
