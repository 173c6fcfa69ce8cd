namespace ActorRisk.Abstractions.Access;

/// <summary>A new database user, with the PasswordHasher hash of its initial password.</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.new-portal-user")]
public sealed record NewPortalUser([property: Id(0)] string UserName, [property: Id(1)] ImmutableArray<string> Roles, [property: Id(2)] string PasswordHash, [property: Id(3)] string CreatedBy, [property: Id(4)] DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("actorrisk.portal-user-roles")]
public sealed record PortalUserRoles([property: Id(0)] string UserName, [property: Id(1)] ImmutableArray<string> Roles);

[GenerateSerializer, Immutable, Alias("actorrisk.portal-user-password")]
public sealed record PortalUserPassword([property: Id(0)] string UserName, [property: Id(1)] string PasswordHash, [property: Id(2)] DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("actorrisk.portal-user-disabled")]
public sealed record PortalUserDisabled([property: Id(0)] string UserName, [property: Id(1)] bool Disabled);

[GenerateSerializer, Immutable, Alias("actorrisk.new-api-key")]
public sealed record NewApiKey([property: Id(0)] string Name, [property: Id(1)] string Sha256, [property: Id(2)] ImmutableArray<string> Roles, [property: Id(3)] string CreatedBy, [property: Id(4)] DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("actorrisk.api-key-revocation")]
public sealed record ApiKeyRevocation([property: Id(0)] string Name, [property: Id(1)] string RevokedBy, [property: Id(2)] DateTimeOffset At);
