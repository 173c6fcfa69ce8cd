namespace ActorRisk.Grains.Access;

/// <summary>
/// The silo's side of access management: the users and keys that come from configuration (which the access grain
/// must never shadow), the role names the host knows, and where the managed ones take effect.
/// </summary>
public interface IAccessDirectory
{
    /// <summary>Null when <paramref name="userName"/> and <paramref name="roles"/> make a valid portal user name and role set, else the problem.</summary>
    string? CheckUser(string userName, IReadOnlyCollection<string> roles);

    /// <summary>Null when the roles are portal roles, else the problem.</summary>
    string? CheckUserRoles(IReadOnlyCollection<string> roles);

    /// <summary>Null when a key with this name, roles and hash may be added, else the problem.</summary>
    string? CheckApiKey(string name, IReadOnlyCollection<string> roles, string sha256);

    /// <summary>The problem with changing <paramref name="userName"/>, which is not managed in the portal.</summary>
    string UnknownUser(string userName);

    /// <summary>The access grain's revision applied here (0: none yet).</summary>
    long Revision { get; }

    /// <summary>
    /// Makes the managed users and keys the ones this process signs in and authenticates with, when
    /// <paramref name="state"/> is newer than what it has; returns whether it was.
    /// </summary>
    bool Apply(AccessGrainState state);
}
