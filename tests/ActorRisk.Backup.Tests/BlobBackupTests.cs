using System.Security.Cryptography;
using ActorRisk.Backup;

namespace ActorRisk.Backup.Tests;

/// <summary>Backup sets in a blob container: a prefix per set, the manifest's hashes those of the blobs, no secret in the manifest.</summary>
public sealed class BlobBackupTests
{
    [Fact]
    public async Task BacksUpToAContainerUnderAPrefixNamedByTheStartAndRestoresFromIt()
    {
        var storage = await OrleansTableAccount.StartAsync();
        var entities = Entities.Many(250, 3).Append(Entities.LargeState("p", "large", parts: 5, seed: 3)).ToList();
        await OrleansTableAccount.FillAsync(storage.GrainState, entities);
        var before = await OrleansTableAccount.ReadAllAsync(storage.GrainState);
        var started = new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);

        var backup = await new TableBackup(storage.Tables, new FixedClock(started)).RunAsync(storage.Container("backups/nightly"));

        var container = storage.Blobs.GetBlobContainerClient("backups");
        Assert.EndsWith("/backups/nightly/2026-12-06T020000Z/", backup.Location, StringComparison.Ordinal);
        var blobs = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            blobs.Add(blob.Name);
        }

        Assert.Equal(
            ["nightly/2026-12-06T020000Z/OrleansGrainState.jsonl.gz", "nightly/2026-12-06T020000Z/OrleansReminders.jsonl.gz", "nightly/2026-12-06T020000Z/manifest.json"],
            blobs.Order(StringComparer.Ordinal));
        foreach (var table in backup.Manifest.Tables)
        {
            var content = (await container.GetBlobClient($"nightly/2026-12-06T020000Z/{table.File}").DownloadContentAsync()).Value.Content;
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content.ToArray())), table.Sha256);
        }

        var manifest = (await container.GetBlobClient("nightly/2026-12-06T020000Z/manifest.json").DownloadContentAsync()).Value.Content.ToString();
        Assert.DoesNotContain(AzuriteServer.AccountKey, manifest, StringComparison.Ordinal);
        Assert.Contains("\"entities\": 251", manifest, StringComparison.Ordinal);

        await storage.DeleteTablesAsync();
        var set = storage.Container("backups/nightly/2026-12-06T020000Z").ExistingSet();
        var restored = await new TableRestore(storage.Tables).RunAsync(set, overwrite: false);

        Assert.Equal(251, restored[0].Entities);
        EntityAssert.Same(before, await OrleansTableAccount.ReadAllAsync(storage.GrainState));
    }
}
