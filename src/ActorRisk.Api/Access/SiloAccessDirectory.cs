using ActorRisk.Api.Security;
using ActorRisk.Grains.Access;

namespace ActorRisk.Api.Access;

/// <summary>The access grain's view of this process: configured users and keys, the role names, and where managed entries apply.</summary>
internal sealed class SiloAccessDirectory(PortalUsers users, ApiKeyStore keys) : IAccessDirectory
{
    private readonly Lock applying = new();
    private long revision;

    public string? CheckUser(string userName, IReadOnlyCollection<string> roles) =>
        AccessRules.UserName(userName)
        ?? AccessRules.PortalRoles(roles)
        ?? (users.IsConfigured(userName) ? AccessRules.ConfiguredUser(userName) : null);

    public string? CheckUserRoles(IReadOnlyCollection<string> roles) => AccessRules.PortalRoles(roles);

    public string? CheckApiKey(string name, IReadOnlyCollection<string> roles, string sha256) =>
        AccessRules.KeyName(name)
        ?? AccessRules.ApiRoles(roles)
        ?? (keys.IsConfigured(name) ? AccessRules.ConfiguredKey(name) : null)
        ?? (keys.FindByHash(sha256) is not null ? "That key is already in use." : null);

    public string UnknownUser(string userName) =>
        users.IsConfigured(userName) ? AccessRules.ConfiguredUser(userName) : $"No portal user named '{userName}' is managed in the portal.";

    public long Revision => Volatile.Read(ref revision);

    public bool Apply(AccessGrainState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (applying)
        {
            // Never an older state after a newer one: the grain's own silo hears of a change before its next poll does.
            if (state.Revision <= revision)
            {
                return false;
            }

            users.Replace(state.Users);
            keys.Replace(state.ApiKeys);
            Volatile.Write(ref revision, state.Revision);
            return true;
        }
    }
}
