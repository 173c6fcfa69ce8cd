using System.Text;
using ActorRisk.Runtime.Persistence;
using ActorRisk.Runtime.Tests.Support;

namespace ActorRisk.Runtime.Tests;

/// <summary>Group read: many concurrent activation loads share queries, and each gets exactly its own row.</summary>
public sealed class GroupReadTests
{
    [Fact]
    public async Task ConcurrentReadsEachGetTheirOwnRowOrNothing()
    {
        var connectionString = await TestDatabase.CreateAsync("group_read");
        await using var storage = new PostgresGrainStorage(PostgresDatabase.Create(connectionString), new PostgresStorageOptions(), NoWriteFence.Instance, 256);
        const int stored = 600;
        for (var i = 0; i < stored; i++)
        {
            var version = await storage.WriteAsync(new GrainId("reader", $"k{i}"), "s", Encoding.UTF8.GetBytes($$"""{"value":{{i}}}"""), 1, null, CancellationToken.None);
            for (var v = 1; v < i % 3 + 1; v++)
            {
                version = await storage.WriteAsync(new GrainId("reader", $"k{i}"), "s", Encoding.UTF8.GetBytes($$"""{"value":{{i}}}"""), 1, version, CancellationToken.None);
            }
        }

        // Stored keys, unknown keys, another state name of a stored key, and the same key twice, all at once.
        var keys = Enumerable.Range(0, stored).Select(i => (Key: $"k{i}", State: "s"))
            .Concat(Enumerable.Range(0, 200).Select(i => (Key: $"missing{i}", State: "s")))
            .Concat(Enumerable.Range(0, 50).Select(i => (Key: $"k{i}", State: "other")))
            .Concat(Enumerable.Range(0, 50).Select(i => (Key: $"k{i}", State: "s")))
            .ToList();
        var reads = await Task.WhenAll(keys.Select(k => Task.Run(() => storage.ReadAsync(new GrainId("reader", k.Key), k.State, CancellationToken.None))));

        for (var r = 0; r < keys.Count; r++)
        {
            var (key, state) = keys[r];
            if (state != "s" || key.StartsWith("missing", StringComparison.Ordinal))
            {
                Assert.Null(reads[r]);
                continue;
            }

            var i = int.Parse(key[1..], System.Globalization.CultureInfo.InvariantCulture);
            var read = Assert.IsType<StoredState>(reads[r]);
            Assert.Equal($$"""{"value": {{i}}}""", Encoding.UTF8.GetString(read.Json.Span));
            Assert.Equal(i % 3 + 1, read.Version);
            Assert.Equal(1, read.SchemaVersion);
        }
    }

    [Fact]
    public async Task AFailedBatchFailsItsReadersAndTheNextBatchWorks()
    {
        var connectionString = await TestDatabase.CreateAsync("group_read_failure");
        var database = PostgresDatabase.Create(connectionString);
        await using var storage = new PostgresGrainStorage(database, new PostgresStorageOptions(), NoWriteFence.Instance, 256);
        await storage.WriteAsync(new GrainId("reader", "a"), "s", Encoding.UTF8.GetBytes("""{"value":1}"""), 1, null, CancellationToken.None);

        await using (var rename = database.DataSource.CreateCommand("ALTER TABLE grain_state RENAME TO grain_state_away"))
        {
            await rename.ExecuteNonQueryAsync();
        }

        var failed = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Record.ExceptionAsync(() => storage.ReadAsync(new GrainId("reader", "a"), "s", CancellationToken.None))));
        Assert.All(failed, e => Assert.IsType<Npgsql.PostgresException>(e));

        await using (var back = database.DataSource.CreateCommand("ALTER TABLE grain_state_away RENAME TO grain_state"))
        {
            await back.ExecuteNonQueryAsync();
        }

        var read = await storage.ReadAsync(new GrainId("reader", "a"), "s", CancellationToken.None);
        Assert.Equal(1, read!.Version);
    }
}
