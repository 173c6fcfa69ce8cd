using System.Buffers;
using System.Diagnostics;

namespace ActorRisk.Backup;

/// <summary>
/// Copies the Orleans tables that hold data into a new backup set, page by page, one table's file at a time, then the
/// manifest. Each entity is copied as it was when its page was read: on a live cluster every grain's state is
/// consistent in itself, but the set is not one instant across grains.
/// </summary>
public sealed class TableBackup(TableServiceClient tables, TimeProvider? clock = null)
{
    private const int PageSize = 1_000;

    private readonly TimeProvider time = clock ?? TimeProvider.System;

    /// <summary>Backs up into a new set under <paramref name="destination"/>, named by the start time.</summary>
    public async Task<BackupResult> RunAsync(BackupLocation destination, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var started = time.GetUtcNow();
        var set = destination.NewSet(started);
        return new(set.Location, await WriteAsync(set, started, log, cancellationToken));
    }

    /// <summary>Backs up into <paramref name="set"/>, which must hold no files yet.</summary>
    public async Task<BackupManifest> WriteAsync(IBackupSet set, DateTimeOffset started, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        var written = new List<BackupTable>();
        foreach (var table in BackupFormat.Tables)
        {
            var watch = Stopwatch.StartNew();
            var copied = await CopyAsync(tables.GetTableClient(table), set, cancellationToken);
            written.Add(copied);
            log?.WriteLine(FormattableString.Invariant($"{table}: {copied.Entities} entities in {watch.Elapsed.TotalSeconds:0.0} s"));
        }

        var manifest = new BackupManifest(BackupFormat.Version, started, time.GetUtcNow(), tables.AccountName, written);
        await using (var file = await set.CreateAsync(BackupFormat.ManifestName, cancellationToken))
        {
            await JsonSerializer.SerializeAsync(file, manifest, BackupFormat.Json, cancellationToken);
        }

        return manifest;
    }

    private static async Task<BackupTable> CopyAsync(TableClient table, IBackupSet set, CancellationToken cancellationToken)
    {
        var name = BackupFormat.FileName(table.Name);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long entities = 0;
        await using (var file = await set.CreateAsync(name, cancellationToken))
        {
            await using (var hashing = new HashingStream(file, hash))
            await using (var gzip = new GZipStream(hashing, CompressionLevel.Optimal, leaveOpen: true))
            {
                var line = new ArrayBufferWriter<byte>(1 << 16);
                await using var writer = new Utf8JsonWriter(line);
                try
                {
                    await foreach (var page in table.QueryAsync<TableEntity>(maxPerPage: PageSize, cancellationToken: cancellationToken).AsPages())
                    {
                        foreach (var entity in page.Values)
                        {
                            line.ResetWrittenCount();
                            writer.Reset();
                            EntityLines.Write(writer, entity);
                            await writer.FlushAsync(cancellationToken);
                            line.Write("\n"u8);
                            await gzip.WriteAsync(line.WrittenMemory, cancellationToken);
                            entities++;
                        }
                    }
                }
                catch (RequestFailedException exception) when (exception.Status == 404 && entities == 0)
                {
                    // No such table (no reminder was ever registered): an empty file, so the set says so.
                }
            }

            // The gzip trailer is in the hash now; the file is complete (a blob committed) when disposed.
        }

        return new(table.Name, name, entities, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}

/// <summary>A finished backup: where its set is and what its manifest says.</summary>
public sealed record BackupResult(string Location, BackupManifest Manifest);
