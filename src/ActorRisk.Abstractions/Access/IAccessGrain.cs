namespace ActorRisk.Abstractions.Access;

/// <summary>
/// The portal users and API keys that administrators manage in the portal (one grain, key
/// <see cref="SingletonKey"/>): stored with the grain state, so they survive restarts. Every process that signs users
/// in asks for a newer revision each second (<see cref="GetIfNewerAsync"/>), so a change made through any silo
/// applies on all.
/// Configured users and keys are not here: they stay in configuration.
/// </summary>
[Alias("actorrisk.access")]
public interface IAccessGrain : IGrainWithStringKey
{
    public const string SingletonKey = "access";

    [Alias("get"), ReadOnly]
    Task<AccessGrainState> GetAsync();

    /// <summary>The state when its revision is newer than <paramref name="revision"/>; null when not.</summary>
    [Alias("get-if-newer"), ReadOnly]
    Task<AccessGrainState?> GetIfNewerAsync(long revision);

    [Alias("create-user")]
    Task<AccessGrainState> CreateUserAsync(NewPortalUser command);

    [Alias("set-user-roles")]
    Task<AccessGrainState> SetUserRolesAsync(PortalUserRoles command);

    [Alias("set-password")]
    Task<AccessGrainState> SetPasswordAsync(PortalUserPassword command);

    [Alias("set-user-disabled")]
    Task<AccessGrainState> SetUserDisabledAsync(PortalUserDisabled command);

    [Alias("create-api-key")]
    Task<AccessGrainState> CreateApiKeyAsync(NewApiKey command);

    [Alias("revoke-api-key")]
    Task<AccessGrainState> RevokeApiKeyAsync(ApiKeyRevocation command);
}
