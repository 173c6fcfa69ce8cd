namespace ActorRisk.Silo.Access;

/// <summary>A portal user kept in the database. Only the PasswordHasher hash of the password is ever stored.</summary>
public sealed record StoredPortalUser(
    string UserName,
    ImmutableArray<string> Roles,
    string PasswordHash,
    bool Disabled,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset PasswordChangedAt);

/// <summary>An API key kept in the database: its SHA-256 hash, never the key.</summary>
public sealed record StoredApiKey(
    string Name,
    string Sha256,
    ImmutableArray<string> Roles,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? RevokedBy = null,
    DateTimeOffset? RevokedAt = null)
{
    public bool Revoked => RevokedAt is not null;
}

/// <summary>What the access grain stores. Lists rather than dictionaries: a JSON round trip would lose a dictionary's case-insensitive comparer.</summary>
public sealed record AccessGrainState
{
    public ImmutableArray<StoredPortalUser> Users { get; init; } = [];

    public ImmutableArray<StoredApiKey> ApiKeys { get; init; } = [];

    public StoredPortalUser? User(string userName) => Users.FirstOrDefault(u => string.Equals(u.UserName, userName, StringComparison.OrdinalIgnoreCase));

    public StoredApiKey? ApiKey(string name) => ApiKeys.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));
}
