namespace ActorRisk.Abstractions.Access;

/// <summary>A portal user kept in the database. Only the PasswordHasher hash of the password is ever stored.</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.stored-portal-user")]
public sealed record StoredPortalUser(
    [property: Id(0)] string UserName,
    [property: Id(1)] ImmutableArray<string> Roles,
    [property: Id(2)] string PasswordHash,
    [property: Id(3)] bool Disabled,
    [property: Id(4)] string CreatedBy,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset PasswordChangedAt);

/// <summary>An API key kept in the database: its SHA-256 hash, never the key.</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.stored-api-key")]
public sealed record StoredApiKey(
    [property: Id(0)] string Name,
    [property: Id(1)] string Sha256,
    [property: Id(2)] ImmutableArray<string> Roles,
    [property: Id(3)] string CreatedBy,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string? RevokedBy = null,
    [property: Id(6)] DateTimeOffset? RevokedAt = null)
{
    public bool Revoked => RevokedAt is not null;
}

/// <summary>What the access grain stores. Lists rather than dictionaries: a JSON round trip would lose a dictionary's case-insensitive comparer.</summary>
[GenerateSerializer, Immutable, Alias("actorrisk.access-state")]
public sealed record AccessGrainState
{
    [Id(0)]
    public ImmutableArray<StoredPortalUser> Users { get; init; } = [];

    [Id(1)]
    public ImmutableArray<StoredApiKey> ApiKeys { get; init; } = [];

    /// <summary>
    /// Counts the stored changes: every process compares it with the one it applied, so it takes a change made
    /// through another silo within a second, and never an older state after a newer one.
    /// </summary>
    [Id(2)]
    public long Revision { get; init; }

    public StoredPortalUser? User(string userName) => Users.FirstOrDefault(u => string.Equals(u.UserName, userName, StringComparison.OrdinalIgnoreCase));

    public StoredApiKey? ApiKey(string name) => ApiKeys.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));
}
