namespace ActorRisk.Grains.Access;

/// <summary>
/// Keeps the database's users and keys. It checks what it can check alone (names, roles, clashes with configured
/// entries, hash formats) so that no caller can store an entry the stores would refuse; the portal's rules about
/// who may do what (reasons, self-lockout) are <see cref="AccessOperations"/>' business.
/// </summary>
[GrainType("access")]
public sealed class AccessGrain(
    [PersistentState("access")] IPersistentState<AccessGrainState> state,
    IAccessDirectory directory) : Grain, IAccessGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A state stored before revisions existed is still newer than none.
        if (state.State.Revision == 0 && (!state.State.Users.IsDefaultOrEmpty || !state.State.ApiKeys.IsDefaultOrEmpty))
        {
            state.State = state.State with { Revision = 1 };
        }

        Publish(state.State);
        return Task.CompletedTask;
    }

    public Task<AccessGrainState> GetAsync() => Task.FromResult(state.State);

    public Task<AccessGrainState?> GetIfNewerAsync(long revision) =>
        Task.FromResult(state.State.Revision > revision ? state.State : null);

    public Task<AccessGrainState> CreateUserAsync(NewPortalUser command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var problem = directory.CheckUser(command.UserName, command.Roles)
            ?? (state.State.User(command.UserName) is not null ? $"A portal user named '{command.UserName}' already exists." : null)
            ?? (string.IsNullOrEmpty(command.PasswordHash) ? "A user needs a password hash." : null);
        Refuse(problem, nameof(command));
        var user = new StoredPortalUser(command.UserName, Ordered(command.Roles), command.PasswordHash, Disabled: false, command.CreatedBy, command.At, command.At);
        return StoreAsync(state.State with { Users = state.State.Users.Add(user) });
    }

    public Task<AccessGrainState> SetUserRolesAsync(PortalUserRoles command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Refuse(directory.CheckUserRoles(command.Roles), nameof(command));
        return UpdateUserAsync(command.UserName, u => u with { Roles = Ordered(command.Roles) });
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
        var problem = (command.Sha256.Length != 64 || !command.Sha256.All(char.IsAsciiHexDigitLower) ? "Sha256 must be 64 lower-case hex digits." : null)
            ?? directory.CheckApiKey(command.Name, command.Roles, command.Sha256)
            ?? (state.State.ApiKey(command.Name) is not null ? $"An API key named '{command.Name}' already exists (names are not reused, even after a revocation)." : null);
        Refuse(problem, nameof(command));
        var key = new StoredApiKey(command.Name, command.Sha256, Ordered(command.Roles), command.CreatedBy, command.At);
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
        Refuse(user is null ? directory.UnknownUser(userName) : null, nameof(userName));
        return StoreAsync(state.State with { Users = state.State.Users.Replace(user!, change(user!)) });
    }

    /// <summary>Roles without duplicates in a stable order, so equal role sets compare equal.</summary>
    internal static ImmutableArray<string> Ordered(IEnumerable<string> roles) => [.. roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static void Refuse(string? problem, string parameter)
    {
        if (problem is not null)
        {
            throw new ArgumentException(problem, parameter);
        }
    }

    private async Task<AccessGrainState> StoreAsync(AccessGrainState next)
    {
        // Not stored means not done: the next call must not build on a change the database never saw.
        next = next with { Revision = state.State.Revision + 1 };
        await StateWrites.WriteAsync(this, state, next);
        Publish(next);
        return next;
    }

    private void Publish(AccessGrainState current) => directory.Apply(current);
}
