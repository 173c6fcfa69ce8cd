using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ActorRisk.Persistence.Tests.Reminders;

/// <summary>The reminder table: ETags on upsert and remove, reads by grain and by ring range, registration in a silo.</summary>
public sealed class ReminderTableTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly PostgresDatabases databases = new();
    private PostgresReminderTable table = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await TestDatabase.CreateAsync("reminders");
        table = new PostgresReminderTable(databases, Options.Create(new PostgresReminderTableOptions { ConnectionString = connectionString }));
        await table.StartAsync();
    }

    public async Task DisposeAsync() => await databases.DisposeAsync();

    ValueTask IAsyncDisposable.DisposeAsync() => databases.DisposeAsync(); // idempotent: whichever xUnit calls

    [Fact]
    public async Task UpsertGivesANewEtagEachTimeAndTheRowReadsBack()
    {
        var grain = Grains.NewId("merchant");
        var start = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

        var first = await table.UpsertRow(Entry(grain, "month-close", start, TimeSpan.FromDays(1)));
        var second = await table.UpsertRow(Entry(grain, "month-close", start.AddDays(1), TimeSpan.FromHours(6)));

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        var row = await table.ReadRow(grain, "month-close");
        Assert.NotNull(row);
        Assert.Equal(grain, row.GrainId);
        Assert.Equal("month-close", row.ReminderName);
        Assert.Equal(start.AddDays(1), row.StartAt);
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
        Assert.Equal(TimeSpan.FromHours(6), row.Period);
        Assert.Equal(second, row.ETag);
        Assert.Null(await table.ReadRow(grain, "other"));
    }

    [Fact]
    public async Task RemoveNeedsTheCurrentEtag()
    {
        var grain = Grains.NewId("card");
        var stale = await table.UpsertRow(Entry(grain, "unblock"));
        var current = await table.UpsertRow(Entry(grain, "unblock"));

        Assert.False(await table.RemoveRow(grain, "unblock", stale!));
        Assert.NotNull(await table.ReadRow(grain, "unblock"));
        Assert.True(await table.RemoveRow(grain, "unblock", current!));
        Assert.Null(await table.ReadRow(grain, "unblock"));
        Assert.False(await table.RemoveRow(grain, "unblock", current!));
    }

    [Fact]
    public async Task ReadRowsOfAGrainReturnsItsRemindersOnly()
    {
        var grain = Grains.NewId("merchant");
        var sameKeyOtherType = GrainId.Create("card", grain.Key.ToString()!);
        await table.UpsertRow(Entry(grain, "a"));
        await table.UpsertRow(Entry(grain, "b"));
        await table.UpsertRow(Entry(sameKeyOtherType, "a"));

        var rows = (await table.ReadRows(grain)).Reminders;

        Assert.Equal(["a", "b"], rows.Select(r => r.ReminderName).Order());
        Assert.All(rows, r => Assert.Equal(grain, r.GrainId));
    }

    [Fact]
    public async Task RingRangesFollowOrleansSemanticsAcrossTheWholeUnsignedRange()
    {
        await table.TestOnlyClearTable();
        var grains = Enumerable.Range(0, 300).Select(i => GrainId.Create("ring", $"g{i}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Entry(grain, "tick"));
        }

        var hashes = grains.ToDictionary(g => g, g => g.GetUniformHashCode());
        Assert.Contains(hashes.Values, h => h > int.MaxValue);
        Assert.Contains(hashes.Values, h => h < int.MaxValue);
        var sorted = hashes.Values.Order().ToList();
        var (low, middle, high) = (sorted[30], sorted[150], sorted[270]);
        uint[][] ranges =
        [
            [0, uint.MaxValue],
            [low, high],                              // straddles 2^31 (the sign of a plain int cast)
            [(uint)int.MaxValue, uint.MaxValue],      // only hashes above int.MaxValue
            [middle, middle],                         // begin == end: the whole ring
            [high, low],                              // wraps past the top
            [uint.MaxValue, 0],                       // wraps: everything but nothing
            [sorted[10], sorted[10] + 1],             // (h, h + 1]: not h itself
            [sorted[10] - 1, sorted[10]],             // (h - 1, h]: h
        ];

        foreach (var range in ranges)
        {
            var (begin, end) = (range[0], range[1]);
            var expected = grains.Where(g => InRange(hashes[g], begin, end)).Select(g => g.ToString()).Order().ToList();
            var actual = (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.ToString()).Order().ToList();
            Assert.True(expected.SequenceEqual(actual), $"({begin}, {end}]: expected {expected.Count} rows, got {actual.Count}");
        }

        Assert.Equal(300, (await table.ReadRows(middle, middle)).Reminders.Count);
        Assert.Single((await table.ReadRows(sorted[10] - 1, sorted[10])).Reminders);
        Assert.Equal(hashes.Values.Count(h => h > int.MaxValue), (await table.ReadRows(int.MaxValue, uint.MaxValue)).Reminders.Count);
    }

    [Fact]
    public async Task UsePostgresReminderServiceMakesItTheSilosReminderTable()
    {
        var connectionString = await TestDatabase.CreateAsync("reminders_silo");
        await using var silo = await TestSiloHost.StartAsync(s => s.UsePostgresReminderService(o => o.ConnectionString = connectionString));

        Assert.IsType<PostgresReminderTable>(silo.Services.GetRequiredService<IReminderTable>());
        Assert.Equal(1L, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_tables WHERE tablename = 'orleans_reminders'"));
    }

    /// <summary>Orleans' range: (begin, end] when begin &lt; end, otherwise the wrap-around (begin, max] and [0, end].</summary>
    private static bool InRange(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderEntry Entry(GrainId grain, string name, DateTime? start = null, TimeSpan? period = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = start ?? new DateTime(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc),
        Period = period ?? TimeSpan.FromMinutes(1),
    };
}
