namespace ActorRisk.Backup;

/// <summary>A backup set in a local directory (a mounted volume in a container).</summary>
public sealed class DirectoryBackupSet(string path) : IBackupSet
{
    public string Location { get; } = Path.GetFullPath(path);

    public Task<Stream> CreateAsync(string name, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Location);

        // CreateNew: a backup never writes over a file of another set.
        return Task.FromResult<Stream>(new FileStream(Path.Combine(Location, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true));
    }

    public Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Location, name);
        return Task.FromResult<Stream?>(File.Exists(file)
            ? new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true)
            : null);
    }
}
