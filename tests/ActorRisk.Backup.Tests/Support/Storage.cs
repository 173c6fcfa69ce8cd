using ActorRisk.Backup;

namespace ActorRisk.Backup.Tests.Support;

/// <summary>A storage account of the test's own (a dedicated Azurite: tables and blobs), since Orleans' tables have fixed names.</summary>
public sealed class Storage
{
    private Storage(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public TableServiceClient Tables => new(ConnectionString);

    public BlobServiceClient Blobs => new(ConnectionString);

    public TableClient GrainState => Tables.GetTableClient(BackupFormat.Tables[0]);

    public TableClient Reminders => Tables.GetTableClient(BackupFormat.Tables[1]);

    /// <summary>A container's URI as an operator writes it (Azurite's path-style address); reached with <see cref="ConnectionString"/>.</summary>
    public BackupLocation Container(string name) =>
        new(new Uri(Blobs.Uri.AbsoluteUri.TrimEnd('/') + "/" + name).AbsoluteUri, ConnectionString);

    public static async Task<Storage> StartAsync() => new((await AzuriteServer.StartDedicatedAsync()).ConnectionString);

    public async Task DeleteTablesAsync()
    {
        foreach (var table in BackupFormat.Tables)
        {
            await Tables.DeleteTableAsync(table);
        }
    }

    /// <summary>Upserts <paramref name="entities"/> one transaction per partition and hundred.</summary>
    public static async Task FillAsync(TableClient table, IEnumerable<TableEntity> entities)
    {
        await table.CreateIfNotExistsAsync();
        foreach (var chunk in entities.GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(100)))
        {
            await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)));
        }
    }

    /// <summary>Every entity of the table, by partition and row; empty when there is no table.</summary>
    public static async Task<List<TableEntity>> ReadAllAsync(TableClient table)
    {
        var all = new List<TableEntity>();
        try
        {
            await foreach (var entity in table.QueryAsync<TableEntity>())
            {
                all.Add(entity);
            }
        }
        catch (Azure.RequestFailedException exception) when (exception.Status == 404)
        {
        }

        return all;
    }
}
