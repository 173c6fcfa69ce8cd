namespace ActorRisk.Backup.Tests.Support;

/// <summary>Entities as Orleans' providers write them, and with every EDM type.</summary>
public static class Entities
{
    /// <summary>One entity with each EDM type, edge values included (an Int64 beyond a double's precision, a whole Double, NaN).</summary>
    public static TableEntity EveryType(string partition, string row) => new(partition, row)
    {
        ["Binary"] = new byte[] { 0, 1, 2, 255, 10, 13 },
        ["String"] = "text with \"quotes\", a newline\n, a tab\t and ünïcödé ✓",
        ["Int32"] = int.MinValue,
        ["Int64"] = (1L << 53) + 1,
        ["Double"] = 2.0,
        ["Fraction"] = 0.1,
        ["NotANumber"] = double.NaN,
        ["Boolean"] = true,
        ["DateTime"] = new DateTimeOffset(2026, 12, 6, 2, 0, 0, 123, TimeSpan.Zero),
        ["Guid"] = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
    };

    /// <summary>
    /// A grain state split as Orleans' table storage splits a large one: several binary properties of up to 64 KiB
    /// (<paramref name="parts"/> of them), random bytes, and a string beside them.
    /// </summary>
    public static TableEntity LargeState(string partition, string row, int parts, int seed)
    {
        var random = new Random(seed);
        var entity = new TableEntity(partition, row) { ["GrainType"] = "card", ["StringData"] = new string('x', 10_000) };
        for (var i = 0; i < parts; i++)
        {
            var bytes = new byte[64 * 1024];
            random.NextBytes(bytes);
            entity[$"Data{i}"] = bytes;
        }

        return entity;
    }

    /// <summary><paramref name="count"/> small states spread over <paramref name="partitions"/> partitions.</summary>
    public static IEnumerable<TableEntity> Many(int count, int partitions, int stateBytes = 200) =>
        Enumerable.Range(0, count).Select(i => new TableEntity($"service_card_{i % partitions}", $"grain-{i:D6}")
        {
            ["Data"] = Enumerable.Range(0, stateBytes).Select(b => (byte)(b + i)).ToArray(),
            ["ETag"] = Guid.NewGuid().ToString(),
        });
}
