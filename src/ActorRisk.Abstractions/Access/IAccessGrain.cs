namespace ActorRisk.Abstractions.Access;

/// <summary>
/// The portal users and API keys that administrators manage in the portal (one grain, key
/// <see cref="SingletonKey"/>): stored with the grain state, so they survive restarts, and pushed into every
/// silo's portal users and API keys when the grain activates and after every change.
/// Configured users and keys are not here: they stay in configuration.
/// </summary>
[Alias("actorrisk.access")]
public interface IAccessGrain : IGrainWithStringKey
{
    public const string SingletonKey = "access";

    [Alias("get"), ReadOnly]
    Task<AccessGrainState> GetAsync();

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
