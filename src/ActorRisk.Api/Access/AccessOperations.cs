using System.Security.Cryptography;
using System.Text.Json;
using ActorRisk.Api.Security;
using ActorRisk.ReadModels.Audit;

namespace ActorRisk.Api.Access;

/// <summary>The answer to an administrator's access change: done, or why not; a created key comes back here once.</summary>
public sealed record AccessOutcome(string? Error, string? Message = null, string? NewApiKey = null)
{
    public bool Succeeded => Error is null;

    public static AccessOutcome Refused(string error) => new(error);

    public static AccessOutcome Done(string message, string? newApiKey = null) => new(null, message, newApiKey);
}

/// <summary>
/// An administrator's changes to portal users and API keys: checked first (so a refused change leaves no audit
/// entry), audited before they happen, then carried out by the access grain. No password, hash or key ever reaches
/// the audit log; the clear password stops at the hasher and a new key is returned once, to be shown once.
/// </summary>
public sealed class AccessOperations(IGrainFactory grains, IAuditLog audit, TimeProvider clock, PortalUsers users, ApiKeyStore keys)
{
    public const string UserCreateAction = "user.create";
    public const string UserRolesAction = "user.roles";
    public const string UserPasswordAction = "user.password";
    public const string UserDisableAction = "user.disable";
    public const string UserEnableAction = "user.enable";
    public const string ApiKeyCreateAction = "apikey.create";
    public const string ApiKeyRevokeAction = "apikey.revoke";

    /// <summary>Prefix of generated keys, so a leaked one is recognisable in a secret scanner.</summary>
    public const string KeyPrefix = "ar_";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private IAccessGrain Grain => grains.GetGrain<IAccessGrain>(IAccessGrain.SingletonKey);

    public Task<AccessGrainState> CurrentAsync() => Grain.GetAsync();

    public async Task<AccessOutcome> CreateUserAsync(string? userName, IReadOnlyCollection<string> roles, string? password, string? confirmation, string? reason, string actor)
    {
        userName = userName?.Trim();
        var current = await Grain.GetAsync();
        var problem = AccessRules.UserName(userName)
            ?? AccessRules.PortalRoles(roles)
            ?? (users.IsConfigured(userName!) ? AccessRules.ConfiguredUser(userName!) : null)
            ?? (current.User(userName!) is not null ? $"A portal user named '{userName}' already exists." : null)
            ?? AccessRules.Password(password, confirmation)
            ?? AccessRules.Reason(reason);
        if (problem is not null)
        {
            return AccessOutcome.Refused(problem);
        }

        var now = clock.GetUtcNow();
        var ordered = AccessRules.Ordered(roles);
        await AuditAsync(actor, UserCreateAction, userName!, reason!, new { userName, roles = ordered });
        var hash = users.HashPassword(userName!, password!);
        return await RunAsync(() => Grain.CreateUserAsync(new NewPortalUser(userName!, ordered, hash, actor, now)), $"User {userName} added with {string.Join(", ", ordered)}.");
    }

    public async Task<AccessOutcome> SetRolesAsync(string? userName, IReadOnlyCollection<string> roles, string? reason, string actor)
    {
        var (user, problem) = await ManagedUserAsync(userName);
        problem ??= AccessRules.PortalRoles(roles)
            ?? (IsSelf(user, actor) && !roles.Contains(PortalRoleNames.Admin) ? "You cannot remove your own admin role: ask another administrator." : null)
            ?? AccessRules.Reason(reason);
        if (problem is not null)
        {
            return AccessOutcome.Refused(problem);
        }

        var ordered = AccessRules.Ordered(roles);
        await AuditAsync(actor, UserRolesAction, user!.UserName, reason!, new { from = user.Roles, to = ordered });
        return await RunAsync(() => Grain.SetUserRolesAsync(new PortalUserRoles(user.UserName, ordered)), $"User {user.UserName} now has {string.Join(", ", ordered)}.");
    }

    public async Task<AccessOutcome> ResetPasswordAsync(string? userName, string? password, string? confirmation, string? reason, string actor)
    {
        var (user, problem) = await ManagedUserAsync(userName);
        problem ??= AccessRules.Password(password, confirmation) ?? AccessRules.Reason(reason);
        if (problem is not null)
        {
            return AccessOutcome.Refused(problem);
        }

        await AuditAsync(actor, UserPasswordAction, user!.UserName, reason!, details: null);
        var hash = users.HashPassword(user.UserName, password!);
        return await RunAsync(() => Grain.SetPasswordAsync(new PortalUserPassword(user.UserName, hash, clock.GetUtcNow())), $"Password of {user.UserName} reset; the user's open sessions have ended.");
    }

    public async Task<AccessOutcome> SetDisabledAsync(string? userName, bool disabled, string? reason, string actor)
    {
        var (user, problem) = await ManagedUserAsync(userName);
        problem ??= (disabled && IsSelf(user, actor) ? "You cannot disable yourself: ask another administrator." : null)
            ?? AccessRules.Reason(reason);
        if (problem is not null)
        {
            return AccessOutcome.Refused(problem);
        }

        if (user!.Disabled == disabled)
        {
            return AccessOutcome.Done($"User {user.UserName} is already {(disabled ? "disabled" : "enabled")}.");
        }

        await AuditAsync(actor, disabled ? UserDisableAction : UserEnableAction, user.UserName, reason!, details: null);
        return await RunAsync(
            () => Grain.SetUserDisabledAsync(new PortalUserDisabled(user.UserName, disabled)),
            disabled ? $"User {user.UserName} disabled; the user's open sessions have ended." : $"User {user.UserName} enabled.");
    }

    public async Task<AccessOutcome> CreateApiKeyAsync(string? name, IReadOnlyCollection<string> roles, string? reason, string actor)
    {
        name = name?.Trim();
        var current = await Grain.GetAsync();
        var problem = AccessRules.KeyName(name)
            ?? AccessRules.ApiRoles(roles)
            ?? (keys.IsConfigured(name!) ? AccessRules.ConfiguredKey(name!) : null)
            ?? (current.ApiKey(name!) is not null ? $"An API key named '{name}' already exists (names are not reused, even after a revocation)." : null)
            ?? AccessRules.Reason(reason);
        if (problem is not null)
        {
            return AccessOutcome.Refused(problem);
        }

        var ordered = AccessRules.Ordered(roles);
        await AuditAsync(actor, ApiKeyCreateAction, name!, reason!, new { name, roles = ordered });
        var key = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var outcome = await RunAsync(() => Grain.CreateApiKeyAsync(new NewApiKey(name!, ApiKeyStore.Hash(key), ordered, actor, clock.GetUtcNow())), $"API key {name} created with {string.Join(", ", ordered)}.");
        return outcome.Succeeded ? outcome with { NewApiKey = key } : outcome;
    }

    public async Task<AccessOutcome> RevokeApiKeyAsync(string? name, string? reason, string actor)
    {
        name = name?.Trim();
        var current = await Grain.GetAsync();
        var key = name is { Length: > 0 } ? current.ApiKey(name) : null;
        var problem = (key is null ? (name is { Length: > 0 } && keys.IsConfigured(name) ? $"'{name}' is an API key from configuration: remove it there." : "Choose an API key managed in the portal.") : null)
            ?? (key!.Revoked ? $"API key {key.Name} is already revoked." : null)
            ?? AccessRules.Reason(reason);
        if (problem is not null)
        {
            return AccessOutcome.Refused(problem);
        }

        await AuditAsync(actor, ApiKeyRevokeAction, key!.Name, reason!, details: null);
        return await RunAsync(() => Grain.RevokeApiKeyAsync(new ApiKeyRevocation(key.Name, actor, clock.GetUtcNow())), $"API key {key.Name} revoked: it no longer authenticates.");
    }

    private static bool IsSelf(StoredPortalUser? user, string actor) =>
        user is not null && string.Equals(user.UserName, actor, StringComparison.OrdinalIgnoreCase);

    private static async Task<AccessOutcome> RunAsync(Func<Task<AccessGrainState>> change, string message)
    {
        try
        {
            await change();
            return AccessOutcome.Done(message);
        }
        catch (ArgumentException exception)
        {
            // Another administrator's change landed between the check and the grain's turn (the same name, say).
            return AccessOutcome.Refused(exception.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private async Task<(StoredPortalUser? User, string? Problem)> ManagedUserAsync(string? userName)
    {
        userName = userName?.Trim();
        if (userName is not { Length: > 0 })
        {
            return (null, "Choose a user managed in the portal.");
        }

        if (users.IsConfigured(userName))
        {
            return (null, AccessRules.ConfiguredUser(userName));
        }

        var user = (await Grain.GetAsync()).User(userName);
        return user is null ? (null, $"No portal user named '{userName}' is managed in the portal.") : (user, null);
    }

    private Task AuditAsync(string actor, string action, string target, string reason, object? details) =>
        audit.AppendAsync(new AuditEntry(Guid.NewGuid(), clock.GetUtcNow(), actor, action, target, reason.Trim(), details is null ? null : JsonSerializer.Serialize(details, JsonOptions)));
}
