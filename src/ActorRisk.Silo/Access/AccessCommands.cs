namespace ActorRisk.Silo.Access;

/// <summary>A new database user, with the PasswordHasher hash of its initial password.</summary>
public sealed record NewPortalUser(string UserName, ImmutableArray<string> Roles, string PasswordHash, string CreatedBy, DateTimeOffset At);

public sealed record PortalUserRoles(string UserName, ImmutableArray<string> Roles);

public sealed record PortalUserPassword(string UserName, string PasswordHash, DateTimeOffset At);

public sealed record PortalUserDisabled(string UserName, bool Disabled);

public sealed record NewApiKey(string Name, string Sha256, ImmutableArray<string> Roles, string CreatedBy, DateTimeOffset At);

public sealed record ApiKeyRevocation(string Name, string RevokedBy, DateTimeOffset At);
