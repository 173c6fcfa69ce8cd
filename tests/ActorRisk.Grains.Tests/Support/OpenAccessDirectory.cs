using ActorRisk.Grains.Access;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>The access directory port with no configured users or keys: every name and role is accepted.</summary>
public sealed class OpenAccessDirectory : IAccessDirectory
{
    public AccessGrainState? Applied { get; private set; }

    public string? CheckUser(string userName, IReadOnlyCollection<string> roles) => null;

    public string? CheckUserRoles(IReadOnlyCollection<string> roles) => null;

    public string? CheckApiKey(string name, IReadOnlyCollection<string> roles, string sha256) => null;

    public string UnknownUser(string userName) => $"No portal user named '{userName}'.";

    public long Revision => Applied?.Revision ?? 0;

    public bool Apply(AccessGrainState state)
    {
        if (Applied is not null && state.Revision <= Applied.Revision)
        {
            return false;
        }

        Applied = state;
        return true;
    }
}
