using System.Diagnostics;

namespace ActorRisk.Backup;

/// <summary>
/// Writes a backup set back into a Table service: first checks the whole set (manifest, every file's SHA-256 and
/// count) and the targets, then upserts each table's entities in transactions of up to 100 entities of one partition,
/// several in flight. Silos must be stopped: a running grain would write over restored state with what it holds.
/// </summary>
public sealed class TableRestore(TableServiceClient tables)
{
    /// <summary>The service's limits are 100 entities and 4 MiB a transaction; the size estimate leaves room for the request's own bytes.</summary>
    private const int MaxBatchEntities = 100;

    private const long MaxBatchBytes = 2_500_000;

    private const int TransactionsInFlight = 8;

    /// <summary>Restores <paramref name="set"/>; with <paramref name="overwrite"/> false, refuses a target table that holds any entity.</summary>
    public async Task<IReadOnlyList<RestoredTable>> RunAsync(IBackupSet set, bool overwrite, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        var manifest = await BackupSetReader.ManifestAsync(set, cancellationToken);
        foreach (var table in manifest.Tables)
        {
            await BackupSetReader.VerifyAsync(set, table, cancellationToken);
        }

        log?.WriteLine(FormattableString.Invariant($"{set.Location}: backup of {manifest.SourceAccount} from {manifest.StartedUtc:yyyy-MM-dd HH:mm:ss}Z to {manifest.FinishedUtc:HH:mm:ss}Z, verified"));
        if (!overwrite)
        {
            foreach (var table in manifest.Tables)
            {
                if (await HoldsEntitiesAsync(tables.GetTableClient(table.Name), cancellationToken))
                {
                    throw new BackupException($"Table {table.Name} in {tables.AccountName} already holds entities; restore with --overwrite to upsert the backup's entities over them. Nothing was restored.");
                }
            }
        }

        var restored = new List<RestoredTable>();
        foreach (var table in manifest.Tables)
        {
            var watch = Stopwatch.StartNew();
            var client = tables.GetTableClient(table.Name);
            await client.CreateIfNotExistsAsync(cancellationToken);
            var count = await UpsertAsync(client, BackupSetReader.EntitiesAsync(set, table, null, cancellationToken), cancellationToken);
            restored.Add(new(table.Name, count, watch.Elapsed));
            log?.WriteLine(FormattableString.Invariant($"{table.Name}: {count} entities restored in {watch.Elapsed.TotalSeconds:0.0} s"));
        }

        return restored;
    }

    private static async Task<bool> HoldsEntitiesAsync(TableClient table, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var page in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages())
            {
                if (page.Values.Count > 0)
                {
                    return true;
                }
            }

            return false;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return false;
        }
    }

    private static async Task<long> UpsertAsync(TableClient table, IAsyncEnumerable<TableEntity> entities, CancellationToken cancellationToken)
    {
        long count = 0;
        var inFlight = new List<Task>();
        var batch = new List<TableTransactionAction>(MaxBatchEntities);
        long batchBytes = 0;

        async Task SubmitAsync()
        {
            if (inFlight.Count >= TransactionsInFlight)
            {
                var done = await Task.WhenAny(inFlight);
                inFlight.Remove(done);
                await done;
            }

            inFlight.Add(table.SubmitTransactionAsync([.. batch], cancellationToken));
            batch.Clear();
            batchBytes = 0;
        }

        // The file is in the service's order, by partition then row: a partition's entities are consecutive.
        await foreach (var entity in entities)
        {
            var bytes = EntityLines.EstimatedBytes(entity);
            if (batch.Count > 0 && (batch.Count == MaxBatchEntities || batchBytes + bytes > MaxBatchBytes || batch[0].Entity.PartitionKey != entity.PartitionKey))
            {
                await SubmitAsync();
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            batchBytes += bytes;
            count++;
        }

        if (batch.Count > 0)
        {
            await SubmitAsync();
        }

        await Task.WhenAll(inFlight);
        return count;
    }
}

/// <summary>How many entities a restore wrote into a table, and how long it took.</summary>
public sealed record RestoredTable(string Name, long Entities, TimeSpan Elapsed);
