using ActorRisk.Testing;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace ActorRisk.Backup.Tests.Support;

/// <summary>
/// A storage account of the test's own (a dedicated Azurite, since Orleans' tables have fixed names): the tables Orleans
/// keeps grain state and reminders in, and the account's blobs. The silo's backup and restore command tests compile it too
/// (ActorRisk.Silo.Tests.csproj links it).
/// </summary>
public sealed class OrleansTableAccount
{
    private OrleansTableAccount(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public TableServiceClient Tables => new(ConnectionString);

    public BlobServiceClient Blobs => new(ConnectionString);

    public TableClient GrainState => Tables.GetTableClient("OrleansGrainState");

    public TableClient Reminders => Tables.GetTableClient("OrleansReminders");

    public static async Task<OrleansTableAccount> StartAsync() => new((await AzuriteServer.StartDedicatedAsync()).ConnectionString);

    /// <summary>A container's URI as an operator writes it (Azurite's path-style address).</summary>
    public string ContainerUri(string name) => Blobs.Uri.AbsoluteUri.TrimEnd('/') + "/" + name;

    public async Task DeleteTablesAsync()
    {
        await GrainState.DeleteAsync();
        await Reminders.DeleteAsync();
    }

    /// <summary>Upserts <paramref name="entities"/>, one transaction per partition and hundred.</summary>
    public static async Task FillAsync(TableClient table, IEnumerable<TableEntity> entities)
    {
        ArgumentNullException.ThrowIfNull(table);
        await table.CreateIfNotExistsAsync();
        foreach (var chunk in entities.GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(100)))
        {
            await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)));
        }
    }

    /// <summary>Every entity of the table, by partition and row; empty when there is no table.</summary>
    public static async Task<List<TableEntity>> ReadAllAsync(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var all = new List<TableEntity>();
        try
        {
            await foreach (var entity in table.QueryAsync<TableEntity>())
            {
                all.Add(entity);
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
        }

        return all;
    }
}
