using ActorRisk.Silo.Portal;
using ActorRisk.Silo.Security;

namespace ActorRisk.Silo.Access;

/// <summary>
/// The portal users and API keys that administrators manage in the portal (one grain, key
/// <see cref="AccessGrain.SingletonKey"/>): stored with the grain state, so they survive restarts, and pushed into the
/// silo's <see cref="PortalUsers"/> and <see cref="ApiKeyStore"/> when the grain activates and after every change.
/// Configured users and keys are not here: they stay in configuration.
/// </summary>
public interface IAccessGrain : IGrainWithStringKey
{
    Task<AccessGrainState> GetAsync();

    Task<AccessGrainState> CreateUserAsync(NewPortalUser command);

    Task<AccessGrainState> SetUserRolesAsync(PortalUserRoles command);

    Task<AccessGrainState> SetPasswordAsync(PortalUserPassword command);

    Task<AccessGrainState> SetUserDisabledAsync(PortalUserDisabled command);

    Task<AccessGrainState> CreateApiKeyAsync(NewApiKey command);

    Task<AccessGrainState> RevokeApiKeyAsync(ApiKeyRevocation command);
}

/// <summary>The typed reference of <see cref="IAccessGrain"/>.</summary>
public sealed class AccessGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId), IAccessGrain
{
    private static readonly GrainMethod<IAccessGrain, NoArgs, AccessGrainState> Get =
        new(nameof(GetAsync), static (grain, _) => grain.GetAsync(), readOnly: true);

    private static readonly GrainMethod<IAccessGrain, NewPortalUser, AccessGrainState> CreateUser =
        new(nameof(CreateUserAsync), static (grain, command) => grain.CreateUserAsync(command));

    private static readonly GrainMethod<IAccessGrain, PortalUserRoles, AccessGrainState> SetRoles =
        new(nameof(SetUserRolesAsync), static (grain, command) => grain.SetUserRolesAsync(command));

    private static readonly GrainMethod<IAccessGrain, PortalUserPassword, AccessGrainState> SetPassword =
        new(nameof(SetPasswordAsync), static (grain, command) => grain.SetPasswordAsync(command));

    private static readonly GrainMethod<IAccessGrain, PortalUserDisabled, AccessGrainState> SetDisabled =
        new(nameof(SetUserDisabledAsync), static (grain, command) => grain.SetUserDisabledAsync(command));

    private static readonly GrainMethod<IAccessGrain, NewApiKey, AccessGrainState> CreateKey =
        new(nameof(CreateApiKeyAsync), static (grain, command) => grain.CreateApiKeyAsync(command));

    private static readonly GrainMethod<IAccessGrain, ApiKeyRevocation, AccessGrainState> RevokeKey =
        new(nameof(RevokeApiKeyAsync), static (grain, command) => grain.RevokeApiKeyAsync(command));

    public Task<AccessGrainState> GetAsync() => InvokeAsync(Get);

    public Task<AccessGrainState> CreateUserAsync(NewPortalUser command) => InvokeAsync(CreateUser, command);

    public Task<AccessGrainState> SetUserRolesAsync(PortalUserRoles command) => InvokeAsync(SetRoles, command);

    public Task<AccessGrainState> SetPasswordAsync(PortalUserPassword command) => InvokeAsync(SetPassword, command);

    public Task<AccessGrainState> SetUserDisabledAsync(PortalUserDisabled command) => InvokeAsync(SetDisabled, command);

    public Task<AccessGrainState> CreateApiKeyAsync(NewApiKey command) => InvokeAsync(CreateKey, command);

    public Task<AccessGrainState> RevokeApiKeyAsync(ApiKeyRevocation command) => InvokeAsync(RevokeKey, command);
}

/// <summary>
/// Keeps the database's users and keys. It checks what it can check alone (names, roles, clashes with configured
/// entries, hash formats) so that no caller can store an entry the stores would refuse; the portal's rules about
/// who may do what (reasons, self-lockout) are <see cref="AccessOperations"/>' business.
/// </summary>
public sealed class AccessGrain(
    [PersistentState("access")] IPersistentState<AccessGrainState> state,
    PortalUsers users,
    ApiKeyStore keys) : Grain, IAccessGrain
{
    public const string SingletonKey = "access";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Publish(state.State);
        return Task.CompletedTask;
    }

    public Task<AccessGrainState> GetAsync() => Task.FromResult(state.State);

    public Task<AccessGrainState> CreateUserAsync(NewPortalUser command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var problem = AccessRules.UserName(command.UserName)
            ?? AccessRules.PortalRoles(command.Roles)
            ?? (users.IsConfigured(command.UserName) ? AccessRules.ConfiguredUser(command.UserName) : null)
            ?? (state.State.User(command.UserName) is not null ? $"A portal user named '{command.UserName}' already exists." : null)
            ?? (string.IsNullOrEmpty(command.PasswordHash) ? "A user needs a password hash." : null);
        Refuse(problem, nameof(command));
        var user = new StoredPortalUser(command.UserName, AccessRules.Ordered(command.Roles), command.PasswordHash, Disabled: false, command.CreatedBy, command.At, command.At);
        return StoreAsync(state.State with { Users = state.State.Users.Add(user) });
    }

    public Task<AccessGrainState> SetUserRolesAsync(PortalUserRoles command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Refuse(AccessRules.PortalRoles(command.Roles), nameof(command));
        return UpdateUserAsync(command.UserName, u => u with { Roles = AccessRules.Ordered(command.Roles) });
    }

    public Task<AccessGrainState> SetPasswordAsync(PortalUserPassword command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Refuse(string.IsNullOrEmpty(command.PasswordHash) ? "A user needs a password hash." : null, nameof(command));
        return UpdateUserAsync(command.UserName, u => u with { PasswordHash = command.PasswordHash, PasswordChangedAt = command.At });
    }

    public Task<AccessGrainState> SetUserDisabledAsync(PortalUserDisabled command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return UpdateUserAsync(command.UserName, u => u with { Disabled = command.Disabled });
    }

    public Task<AccessGrainState> CreateApiKeyAsync(NewApiKey command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var problem = AccessRules.KeyName(command.Name)
            ?? AccessRules.ApiRoles(command.Roles)
            ?? (keys.IsConfigured(command.Name) ? AccessRules.ConfiguredKey(command.Name) : null)
            ?? (state.State.ApiKey(command.Name) is not null ? $"An API key named '{command.Name}' already exists (names are not reused, even after a revocation)." : null)
            ?? (command.Sha256.Length != 64 || !command.Sha256.All(char.IsAsciiHexDigitLower) ? "Sha256 must be 64 lower-case hex digits." : null)
            ?? (keys.FindByHash(command.Sha256) is not null ? "That key is already in use." : null);
        Refuse(problem, nameof(command));
        var key = new StoredApiKey(command.Name, command.Sha256, AccessRules.Ordered(command.Roles), command.CreatedBy, command.At);
        return StoreAsync(state.State with { ApiKeys = state.State.ApiKeys.Add(key) });
    }

    public Task<AccessGrainState> RevokeApiKeyAsync(ApiKeyRevocation command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var key = state.State.ApiKey(command.Name);
        Refuse(key is null ? $"No API key named '{command.Name}' is managed in the portal." : null, nameof(command));
        if (key!.Revoked)
        {
            return Task.FromResult(state.State);
        }

        return StoreAsync(state.State with { ApiKeys = state.State.ApiKeys.Replace(key, key with { RevokedBy = command.RevokedBy, RevokedAt = command.At }) });
    }

    private Task<AccessGrainState> UpdateUserAsync(string userName, Func<StoredPortalUser, StoredPortalUser> change)
    {
        var user = state.State.User(userName);
        Refuse(user is null ? (users.IsConfigured(userName) ? AccessRules.ConfiguredUser(userName) : $"No portal user named '{userName}' is managed in the portal.") : null, nameof(userName));
        return StoreAsync(state.State with { Users = state.State.Users.Replace(user!, change(user!)) });
    }

    private static void Refuse(string? problem, string parameter)
    {
        if (problem is not null)
        {
            throw new ArgumentException(problem, parameter);
        }
    }

    private async Task<AccessGrainState> StoreAsync(AccessGrainState next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored means not done: the next call must not build on a change the database never saw.
            state.State = previous;
            throw;
        }

        Publish(next);
        return next;
    }

    private void Publish(AccessGrainState current)
    {
        users.Replace(current.Users);
        keys.Replace(current.ApiKeys);
    }
}
