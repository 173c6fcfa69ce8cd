using System.Runtime.CompilerServices;
using System.Text;

namespace ActorRisk.Backup;

/// <summary>Reads a backup set: its manifest, each table's entities, and the check that the files are what the manifest says.</summary>
internal static class BackupSetReader
{
    public static async Task<BackupManifest> ManifestAsync(IBackupSet set, CancellationToken cancellationToken)
    {
        await using var file = await set.OpenReadAsync(BackupFormat.ManifestName, cancellationToken)
            ?? throw new BackupException($"{set.Location} has no {BackupFormat.ManifestName}: the backup did not finish, or this is not a backup set. Nothing was restored.");
        BackupManifest? manifest;
        try
        {
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(file, BackupFormat.Json, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new BackupException($"{BackupFormat.ManifestName} in {set.Location} is not a backup manifest ({exception.Message}). Nothing was restored.", exception);
        }

        if (manifest?.Tables is null)
        {
            throw new BackupException($"{BackupFormat.ManifestName} in {set.Location} is empty. Nothing was restored.");
        }

        if (manifest.FormatVersion != BackupFormat.Version)
        {
            throw new BackupException($"The set is in backup format {manifest.FormatVersion}; this version reads format {BackupFormat.Version}. Nothing was restored.");
        }

        return manifest;
    }

    /// <summary>Reads a table's whole file, throwing unless its SHA-256 and entity count are the manifest's.</summary>
    public static async Task VerifyAsync(IBackupSet set, BackupTable table, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long entities = 0;
        try
        {
            await foreach (var _ in EntitiesAsync(set, table, hash, cancellationToken))
            {
                entities++;
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or JsonException or FormatException or KeyNotFoundException)
        {
            throw new BackupException($"{table.File} in {set.Location} is damaged ({exception.Message}). Nothing was restored.", exception);
        }

        var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (!string.Equals(sha256, table.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new BackupException($"{table.File} in {set.Location} has SHA-256 {sha256}, the manifest says {table.Sha256}: the file was altered. Nothing was restored.");
        }

        if (entities != table.Entities)
        {
            throw new BackupException($"{table.File} in {set.Location} holds {entities} entities, the manifest says {table.Entities}. Nothing was restored.");
        }
    }

    /// <summary>The table's entities in file order (by partition, then row), one line at a time; the file's bytes go through <paramref name="hash"/>.</summary>
    public static async IAsyncEnumerable<TableEntity> EntitiesAsync(IBackupSet set, BackupTable table, IncrementalHash? hash, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var file = await set.OpenReadAsync(table.File, cancellationToken)
            ?? throw new BackupException($"{set.Location} has no {table.File}, which its manifest lists. Nothing was restored.");
        await using var source = hash is null ? file : new HashingStream(file, hash);
        await using var gzip = new GZipStream(source, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            yield return EntityLines.Read(Encoding.UTF8.GetBytes(line));
        }

        // Reads to the end so the hash covers every byte, the gzip trailer's too.
        var rest = new byte[4096];
        while (await source.ReadAsync(rest, cancellationToken) > 0)
        {
        }
    }
}
