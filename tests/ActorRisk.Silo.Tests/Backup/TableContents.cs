using ActorRisk.Backup.Tests.Support;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace ActorRisk.Silo.Tests.Backup;

/// <summary>
/// The two tables a backup copies, each entity as one line of its keys and properties with their types and values (the
/// service's Timestamp and ETag left out): equal lines, equal entities.
/// </summary>
public static class TableContents
{
    public static async Task<(List<string> GrainState, List<string> Reminders)> ContentsAsync(this OrleansTableAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return (await LinesAsync(account.GrainState), await LinesAsync(account.Reminders));
    }

    private static async Task<List<string>> LinesAsync(TableClient table) => [.. (await OrleansTableAccount.ReadAllAsync(table)).Select(Line)];

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
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value?.ToString(),
            };
            line.Append($"|{name}:{value?.GetType().Name}={text}");
        }

        return line.ToString();
    }
}
