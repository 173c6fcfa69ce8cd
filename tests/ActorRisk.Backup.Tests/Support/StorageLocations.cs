using ActorRisk.Backup;

namespace ActorRisk.Backup.Tests.Support;

/// <summary>Backup locations in a test's own account.</summary>
public static class StorageLocations
{
    /// <summary>A container (and path) of the account as a backup location, reached with the account's connection string.</summary>
    public static BackupLocation Container(this OrleansTableAccount account, string name)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new(new Uri(account.ContainerUri(name)).AbsoluteUri, account.ConnectionString);
    }
}
