using ActorRisk.Backup;

namespace ActorRisk.Backup.Tests;

/// <summary>A backup restored into emptied tables gives every entity back with the same properties, types and bytes.</summary>
public sealed class RoundTripTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"actorrisk-backup-{Guid.NewGuid():N}");

    [Fact]
    public async Task EveryEdmTypeAndLargeSplitStatesComeBackByteExact()
    {
        var storage = await OrleansTableAccount.StartAsync();
        TableEntity[] states =
        [
            Entities.EveryType("p1", "every-type"),
            Entities.LargeState("p1", "large-1", parts: 10, seed: 1),
            Entities.LargeState("p2", "large-2", parts: 3, seed: 2),
        ];
        TableEntity[] reminders = [Entities.EveryType("reminders", "r1")];
        await OrleansTableAccount.FillAsync(storage.GrainState, states);
        await OrleansTableAccount.FillAsync(storage.Reminders, reminders);
        var before = await OrleansTableAccount.ReadAllAsync(storage.GrainState);

        var backup = await new TableBackup(storage.Tables).RunAsync(new BackupLocation(directory));
        await storage.DeleteTablesAsync();
        var restored = await new TableRestore(storage.Tables).RunAsync(new BackupLocation(backup.Location).ExistingSet(), overwrite: false);

        Assert.Equal([3L, 1L], restored.Select(r => r.Entities));
        EntityAssert.Same(before, await OrleansTableAccount.ReadAllAsync(storage.GrainState));
        EntityAssert.Same(states.OrderBy(s => s.PartitionKey).ThenBy(s => s.RowKey).ToList(), await OrleansTableAccount.ReadAllAsync(storage.GrainState));
        EntityAssert.Same(reminders, await OrleansTableAccount.ReadAllAsync(storage.Reminders));
    }

    [Fact]
    public async Task ADirectorySetIsNamedByItsStartAndHoldsOneFilePerTableAndAManifest()
    {
        var storage = await OrleansTableAccount.StartAsync();
        await OrleansTableAccount.FillAsync(storage.GrainState, Entities.Many(10, 2));
        var started = new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);

        var backup = await new TableBackup(storage.Tables, new FixedClock(started)).RunAsync(new BackupLocation(directory));

        Assert.Equal(Path.Combine(directory, "2026-12-06T020000Z"), backup.Location);
        Assert.Equal(
            ["OrleansGrainState.jsonl.gz", "OrleansReminders.jsonl.gz", "manifest.json"],
            Directory.GetFiles(backup.Location).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var manifest = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(backup.Location, "manifest.json"))).RootElement;
        Assert.Equal(1, manifest.GetProperty("formatVersion").GetInt32());
        Assert.Equal("devstoreaccount1", manifest.GetProperty("sourceAccount").GetString());
        var grainState = manifest.GetProperty("tables")[0];
        Assert.Equal(10, grainState.GetProperty("entities").GetInt64());
        var bytes = await File.ReadAllBytesAsync(Path.Combine(backup.Location, "OrleansGrainState.jsonl.gz"));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), grainState.GetProperty("sha256").GetString());
        Assert.Equal(0, manifest.GetProperty("tables")[1].GetProperty("entities").GetInt64());
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
