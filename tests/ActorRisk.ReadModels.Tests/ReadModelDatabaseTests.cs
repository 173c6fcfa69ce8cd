using System.Security.Cryptography;
using System.Text;

namespace ActorRisk.ReadModels.Tests;

/// <summary>
/// The read models' migrations (100 and up) keep the ids databases recorded: the runner skips a version recorded under
/// the same name, so a database migrated when these scripts were in ActorRisk.Silo is not migrated again.
/// </summary>
public sealed class ReadModelDatabaseTests
{
    // The scripts as src/ActorRisk.Silo/Sql shipped them before the read models had a project of their own. Applied
    // scripts never run again, so changing one would make new databases differ from old ones: add a new version instead.
    private static readonly (int Version, string Name, string Sha256)[] Shipped =
    [
        (100, "100_audit_log", "57c4cad3b2adc70dd2d26d5ccd27ef4ed103471ec344a57665ffdeba73c5e6f4"),
        (101, "101_alert_outbox", "82d1c06f63b592ea273501626a35529dc5715609d17ea847d0359d48aabbb09f"),
        (102, "102_merchant_summary_indexes", "8f53203d2042e51b65e015ec6c04fde555dc9785d9c00b14ee9e9569266cc5d3"),
        (103, "103_merchant_summary_table", "aa349090c73046d062ee421dcef5f22eb4712a3ea5fdc9b3a99022b8b66dcecd"),
        (104, "104_merchant_summary_search", "869fc3ab935befa060a0cc20330ecbadab5e8f41f11b6709f8a86c553024a339"),
        (105, "105_card_directory", "24fe89454527b3ffb47b050256707341cfea6393a7c22a9faee633bb8bb63f05"),
        (106, "106_data_protection_keys", "ed8bf15eb7aa22e167a0cfc7f7d9336669a5a69cc41f140892dce7094f63f9bd"),
        (107, "107_request_route", "802a14c447f6bf615d7f167528026ece0efc58eb363477d27ad05d6dd5039548"),
    ];

    [Fact]
    public void TheMigrationsKeepTheIdsAndScriptsTheSiloShipped() =>
        Assert.Equal(
            Shipped,
            ReadModelDatabase.ReadModelMigrations.Select(m => (m.Version, m.Name, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(m.Sql))))));

    [Fact]
    public async Task SilosStartingTogetherMigrateOnceAndARestartFindsNothingToDo()
    {
        var connectionString = await TestDatabase.CreateAsync("readmodels_migrate");
        await using (var first = ReadModelDatabase.Create(connectionString))
        await using (var second = ReadModelDatabase.Create(connectionString))
        {
            await Task.WhenAll(first.EnsureMigratedAsync(), second.EnsureMigratedAsync());
        }

        var history = await TestDatabase.HistoryAsync(connectionString);
        Assert.Equal([.. PostgresSchema.Migrations.Select(m => (m.Version, m.Name)), .. Shipped.Select(m => (m.Version, m.Name))], history);

        await using (var restarted = ReadModelDatabase.Create(connectionString))
        {
            await restarted.EnsureMigratedAsync();
        }

        Assert.Equal(history, await TestDatabase.HistoryAsync(connectionString));
    }
}
