namespace ActorRisk.Backup.Tests.Support;

/// <summary>Compares entities property by property: same names, same CLR (so EDM) types, same values, binaries byte for byte.</summary>
public static class EntityAssert
{
    private static readonly HashSet<string> Service = ["Timestamp", "odata.etag"];

    public static void Same(IReadOnlyList<TableEntity> expected, IReadOnlyList<TableEntity> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (want, got) in expected.Zip(actual))
        {
            Same(want, got);
        }
    }

    public static void Same(TableEntity expected, TableEntity actual)
    {
        var where = $"{expected.PartitionKey}/{expected.RowKey}";
        Assert.Equal(expected.PartitionKey, actual.PartitionKey);
        Assert.Equal(expected.RowKey, actual.RowKey);
        var names = expected.Keys.Where(k => !Service.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names, actual.Keys.Where(k => !Service.Contains(k)).Order(StringComparer.Ordinal).ToList());
        foreach (var name in names)
        {
            var (want, got) = (expected[name], actual[name]);
            Assert.True(want.GetType() == got.GetType(), $"{where} {name}: {want.GetType().Name} became {got.GetType().Name}");
            if (want is byte[] bytes)
            {
                Assert.True(bytes.AsSpan().SequenceEqual((byte[])got), $"{where} {name}: the bytes differ");
            }
            else
            {
                Assert.True(Equals(want, got), $"{where} {name}: {want} became {got}");
            }
        }
    }
}
