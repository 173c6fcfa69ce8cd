namespace ActorRisk.Backup;

/// <summary>Where one backup set's files are: a blob prefix or a directory.</summary>
public interface IBackupSet
{
    /// <summary>Where the set is, for the operator: a container URI and prefix or a path, never a key or a SAS.</summary>
    string Location { get; }

    /// <summary>A new file of the set; it is complete once the stream is disposed.</summary>
    Task<Stream> CreateAsync(string name, CancellationToken cancellationToken);

    /// <summary>A file of the set, or null when the set has none of that name.</summary>
    Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken);
}
