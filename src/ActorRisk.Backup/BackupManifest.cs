namespace ActorRisk.Backup;

/// <summary>What a complete backup set holds; written last, read first.</summary>
/// <param name="SourceAccount">The storage account's name, never a key or a SAS.</param>
public sealed record BackupManifest(
    int FormatVersion,
    DateTimeOffset StartedUtc,
    DateTimeOffset FinishedUtc,
    string SourceAccount,
    IReadOnlyList<BackupTable> Tables);

/// <summary>One table's file in a set: how many entities it holds and the SHA-256 (hex) of its bytes as stored.</summary>
public sealed record BackupTable(string Name, string File, long Entities, string Sha256);
