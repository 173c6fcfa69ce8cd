using Azure.Data.Tables;

namespace ActorRisk.Silo.Tests.Backup;

/// <summary>Entities shaped as Orleans' table storage writes them, and one of every EDM type.</summary>
public static class Rows
{
    /// <summary><paramref name="count"/> small grain states over <paramref name="partitions"/> partitions, each with its own bytes.</summary>
    public static IEnumerable<TableEntity> GrainStates(int count, int partitions, string prefix = "grain") =>
        Enumerable.Range(0, count).Select(i => new TableEntity($"service_card_{i % partitions}", $"{prefix}-{i:D6}")
        {
            ["Data"] = Enumerable.Range(0, 200).Select(b => (byte)(b * 7 + i)).ToArray(),
            ["ETag"] = $"etag-{i}",
        });

    /// <summary>One entity with each EDM type and edge values (an Int64 beyond a double's precision, NaN).</summary>
    public static TableEntity EveryType(string partition, string row) => new(partition, row)
    {
        ["Binary"] = new byte[] { 0, 1, 2, 255, 10, 13 },
        ["String"] = "text with \"quotes\", a newline\n and ünïcödé ✓",
        ["Int32"] = int.MinValue,
        ["Int64"] = (1L << 53) + 1,
        ["Double"] = 0.1,
        ["NotANumber"] = double.NaN,
        ["Boolean"] = true,
        ["DateTime"] = new DateTimeOffset(2026, 12, 6, 2, 0, 0, 123, TimeSpan.Zero),
        ["Guid"] = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
    };

    /// <summary>Reminders as Orleans keeps them: a few, strings and dates.</summary>
    public static IEnumerable<TableEntity> Reminders(int count) =>
        Enumerable.Range(0, count).Select(i => new TableEntity($"service_{i % 3:x8}", $"merchant-{i}_month-close")
        {
            ["GrainReference"] = $"merchant/m-{i}",
            ["ReminderName"] = "month-close",
            ["StartAt"] = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i),
            ["Period"] = "1.00:00:00",
        });
}
