using System.Text;
using ActorRisk.Backup;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace ActorRisk.Silo.Tests.Backup;

/// <summary>A storage account of the test's own (a dedicated Azurite: Orleans' tables have fixed names), and its tables' contents.</summary>
public sealed class Account
{
    private Account(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public TableServiceClient Tables => new(ConnectionString);

    public BlobServiceClient Blobs => new(ConnectionString);

    public TableClient GrainState => Tables.GetTableClient(BackupFormat.Tables[0]);

    public TableClient Reminders => Tables.GetTableClient(BackupFormat.Tables[1]);

    public static async Task<Account> StartAsync() => new((await AzuriteServer.StartDedicatedAsync()).ConnectionString);

    /// <summary>A container's URI as an operator writes it (Azurite's path-style address).</summary>
    public string ContainerUri(string name) => Blobs.Uri.AbsoluteUri.TrimEnd('/') + "/" + name;

    /// <summary>Upserts <paramref name="entities"/>, one transaction per partition and hundred.</summary>
    public static async Task FillAsync(TableClient table, IEnumerable<TableEntity> entities)
    {
        await table.CreateIfNotExistsAsync();
        foreach (var chunk in entities.GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(100)))
        {
            await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)));
        }
    }

    /// <summary>
    /// Every entity of the table, by partition and row, each as one line of its keys and properties with their types and
    /// values (the service's Timestamp and ETag left out): equal lines, equal entities. Empty when there is no table.
    /// </summary>
    public static async Task<List<string>> ContentsAsync(TableClient table)
    {
        var lines = new List<string>();
        try
        {
            await foreach (var entity in table.QueryAsync<TableEntity>())
            {
                lines.Add(Line(entity));
            }
        }
        catch (Azure.RequestFailedException exception) when (exception.Status == 404)
        {
        }

        return lines;
    }

    /// <summary>The contents of both tables a backup copies.</summary>
    public async Task<(List<string> GrainState, List<string> Reminders)> ContentsAsync() =>
        (await ContentsAsync(GrainState), await ContentsAsync(Reminders));

    private static string Line(TableEntity entity)
    {
        var line = new StringBuilder($"{entity.PartitionKey}|{entity.RowKey}");
        foreach (var (name, value) in entity.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
            {
                continue;
            }

            var text = value switch
            {
                byte[] bytes => Convert.ToBase64String(bytes),
                BinaryData binary => Convert.ToBase64String(binary.ToArray()),
                IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => value?.ToString(),
            };
            line.Append($"|{name}:{value?.GetType().Name}={text}");
        }

        return line.ToString();
    }
}
