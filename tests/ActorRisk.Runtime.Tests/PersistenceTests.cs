using System.Text;
using ActorRisk.Runtime.Persistence;
using ActorRisk.Runtime.Tests.Grains;
using ActorRisk.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ActorRisk.Runtime.Tests;

/// <summary>Versions (ETags), version conflicts and the write fence, on memory and PostgreSQL storage.</summary>
public sealed class PersistenceTests
{
    private static readonly byte[] EmptyJson = Encoding.UTF8.GetBytes("{}");

    public static TheoryData<string> Storages => new() { "memory", "postgres", "postgres-no-group-commit" };

    private static async Task<Action<GrainRuntimeBuilder>> StorageAsync(string storage) => storage switch
    {
        "memory" => b => b.AddMemoryGrainStorage(),
        "postgres" => await PostgresAsync(groupCommit: true),
        _ => await PostgresAsync(groupCommit: false),
    };

    private static async Task<Action<GrainRuntimeBuilder>> PostgresAsync(bool groupCommit)
    {
        var connectionString = await TestDatabase.CreateAsync("etag");
        return b => b.AddPostgresGrainStorage(connectionString, configure: o => { o.GroupCommit = groupCommit; o.GroupRead = groupCommit; });
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task VersionsIncreaseWithEveryWriteAndRestartAfterClear(string storage)
    {
        var addStorage = await StorageAsync(storage);
        await using var silo = await TestSilo.StartAsync(
            b =>
            {
                b.AddGrain<ILifecycleGrain, LifecycleGrain>("life", (i, id) => new LifecycleGrainReference(i, id));
                addStorage(b);
            },
            s => s.AddSingleton(new LifecycleProbe()));
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("etags");

        var first = await grain.GetActivationAsync();
        Assert.False(first.RecordExisted);
        Assert.Null(first.Etag);
        Assert.Equal("1", await grain.SetAndWriteAsync(1));
        Assert.Equal("2", await grain.SetAndWriteAsync(2));
        Assert.Equal("3", await grain.SetAndWriteAsync(3));

        Assert.Equal((false, (string?)null), await grain.ClearAsync());
        Assert.Equal(0, await grain.GetAsync());
        Assert.Equal("1", await grain.SetAndWriteAsync(4));

        await grain.DeactivateSelfAsync();
        var reloaded = await grain.GetActivationAsync();
        Assert.NotEqual(first.ActivationId, reloaded.ActivationId);
        Assert.Equal(4, reloaded.LoadedValue);
        Assert.Equal("1", reloaded.Etag);
    }

    [Fact]
    public async Task MemoryStorageRefusesStaleVersions()
    {
        var storage = new MemoryGrainStorage();
        var id = new GrainId("t", "k");
        var none = CancellationToken.None;

        Assert.Equal(1, await storage.WriteAsync(id, "s", EmptyJson, 1, null, none));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(id, "s", EmptyJson, 1, null, none));
        Assert.Equal(2, await storage.WriteAsync(id, "s", EmptyJson, 1, 1, none));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(id, "s", EmptyJson, 1, 1, none));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(id, "s", EmptyJson, 1, 3, none));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync(id, "s", 1, none));
        Assert.Equal(2, (await storage.ReadAsync(id, "s", none))!.Version);

        await storage.ClearAsync(id, "s", 2, none);
        Assert.Null(await storage.ReadAsync(id, "s", none));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(id, "s", EmptyJson, 1, 2, none));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync(id, "s", 2, none));
        Assert.Equal(1, await storage.WriteAsync(id, "s", EmptyJson, 1, null, none));

        // Other state names and grains are independent rows.
        Assert.Equal(1, await storage.WriteAsync(id, "other", EmptyJson, 1, null, none));
        Assert.Equal(1, await storage.WriteAsync(new GrainId("t", "k2"), "s", EmptyJson, 1, null, none));
    }

    [Fact]
    public async Task MemoryStorageLetsExactlyOneOfManyConcurrentWritersWin()
    {
        var storage = new MemoryGrainStorage();
        var id = new GrainId("t", "race");
        await storage.WriteAsync(id, "s", EmptyJson, 1, null, CancellationToken.None);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            try
            {
                return await storage.WriteAsync(id, "s", EmptyJson, 1, 1, CancellationToken.None);
            }
            catch (InconsistentStateException)
            {
                return 0L;
            }
        })));

        Assert.Equal([2L], outcomes.Where(v => v != 0));
    }

    [Fact]
    public async Task ConflictWithAnotherWriterDeactivatesAndTheNextCallReloads()
    {
        var storage = new MemoryGrainStorage();
        var probe = new LifecycleProbe();
        await using var silo = await TestSilo.StartAsync(
            b => b.AddGrain<ILifecycleGrain, LifecycleGrain>("life", (i, id) => new LifecycleGrainReference(i, id)),
            s => s.AddSingleton(probe).AddKeyedSingleton<IGrainStorage>(PersistentStateAttribute.DefaultStorage, storage));
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("contested");
        await grain.SetAndWriteAsync(1);

        // Another writer moves the stored state on behind the activation's back.
        await storage.WriteAsync(new GrainId("life", "contested"), "life", Encoding.UTF8.GetBytes("""{"value":100}"""), 1, 1, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetAndWriteAsync(2));
        Assert.Equal(100, await grain.GetAsync());
        Assert.Equal([DeactivationReasonCode.InconsistentState], probe.Deactivations("contested"));
        Assert.Equal("3", await grain.SetAndWriteAsync(3));
    }

    [Fact]
    public async Task CallsQueuedBehindAConflictingWriteSeeTheReloadedState()
    {
        var storage = new MemoryGrainStorage();
        var probe = new LifecycleProbe();
        await using var silo = await TestSilo.StartAsync(
            b => b.AddGrain<ILifecycleGrain, LifecycleGrain>("life", (i, id) => new LifecycleGrainReference(i, id)),
            s => s.AddSingleton(probe).AddKeyedSingleton<IGrainStorage>(PersistentStateAttribute.DefaultStorage, storage));
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("queued-conflict");
        await grain.SetAndWriteAsync(1);
        await storage.WriteAsync(new GrainId("life", "queued-conflict"), "life", Encoding.UTF8.GetBytes("""{"value":100}"""), 1, 1, CancellationToken.None);

        // The conflicting write holds its turn while reads queue behind it; its in-memory value (2) is never durable.
        var write = grain.HoldThenSetAndWriteAsync(2);
        var reads = Enumerable.Range(0, 3).Select(_ => grain.GetAsync()).ToList();
        probe.Release.SetResult();

        await Assert.ThrowsAsync<InconsistentStateException>(() => write.Within());
        var seen = await Task.WhenAll(reads).Within();
        Assert.Equal([100L, 100L, 100L], seen);
    }

    [Fact]
    public async Task TwoSilosWritingTheSameGrainConflictAndTheLoserReloads()
    {
        var connectionString = await TestDatabase.CreateAsync("twosilos");
        void Configure(GrainRuntimeBuilder b) => b
            .AddGrain<ILifecycleGrain, LifecycleGrain>("life", (i, id) => new LifecycleGrainReference(i, id))
            .AddPostgresGrainStorage(connectionString);
        var probe1 = new LifecycleProbe();
        var probe2 = new LifecycleProbe();
        await using var silo1 = await TestSilo.StartAsync(Configure, s => s.AddSingleton(probe1));
        await using var silo2 = await TestSilo.StartAsync(Configure, s => s.AddSingleton(probe2));
        var on1 = silo1.GrainFactory.GetGrain<ILifecycleGrain>("shared");
        var on2 = silo2.GrainFactory.GetGrain<ILifecycleGrain>("shared");

        // Both activate on the empty row; silo 1 writes first, so silo 2's write carries a stale version.
        Assert.Null((await on1.GetActivationAsync()).Etag);
        Assert.Null((await on2.GetActivationAsync()).Etag);
        Assert.Equal("1", await on1.SetAndWriteAsync(10));
        await Assert.ThrowsAsync<InconsistentStateException>(() => on2.SetAndWriteAsync(20));
        Assert.Equal([DeactivationReasonCode.InconsistentState], probe2.Deactivations("shared"));

        // Silo 2 reloaded: it sees silo 1's state and writes over it with the right version.
        Assert.Equal(10, await on2.GetAsync());
        Assert.Equal("2", await on2.SetAndWriteAsync(30));

        // Now silo 1 is the stale one (an UPDATE over a stale version, not an INSERT).
        await Assert.ThrowsAsync<InconsistentStateException>(() => on1.SetAndWriteAsync(40));
        Assert.Equal(30, await on1.GetAsync());
        Assert.Equal([DeactivationReasonCode.InconsistentState], probe1.Deactivations("shared"));

        var row = await TestDatabase.ReadStateAsync(connectionString, new GrainId("life", "shared"), "life");
        Assert.Equal(2, row!.Version);
        Assert.Contains("30", row.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClearOverAStaleVersionConflictsAndKeepsTheRow()
    {
        var connectionString = await TestDatabase.CreateAsync("clear");
        void Configure(GrainRuntimeBuilder b) => b
            .AddGrain<ILifecycleGrain, LifecycleGrain>("life", (i, id) => new LifecycleGrainReference(i, id))
            .AddPostgresGrainStorage(connectionString);
        await using var silo1 = await TestSilo.StartAsync(Configure, s => s.AddSingleton(new LifecycleProbe()));
        await using var silo2 = await TestSilo.StartAsync(Configure, s => s.AddSingleton(new LifecycleProbe()));
        var on1 = silo1.GrainFactory.GetGrain<ILifecycleGrain>("cleared");
        var on2 = silo2.GrainFactory.GetGrain<ILifecycleGrain>("cleared");
        await on1.SetAndWriteAsync(1);
        await on2.GetAsync();
        await on1.SetAndWriteAsync(2);

        await Assert.ThrowsAsync<InconsistentStateException>(() => on2.ClearAsync());

        Assert.Equal(2, (await TestDatabase.ReadStateAsync(connectionString, new GrainId("life", "cleared"), "life"))!.Version);
        Assert.Equal((false, (string?)null), await on2.ClearAsync());
        Assert.Null(await TestDatabase.ReadStateAsync(connectionString, new GrainId("life", "cleared"), "life"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AWriteFenceIsCheckedInTheSameStatementWithoutTouchingGrainCode(bool groupCommit)
    {
        var connectionString = await TestDatabase.CreateAsync("fence");
        var fence = new SwitchFence();
        await using var silo = await TestSilo.StartAsync(
            b => b
                .AddGrain<ILifecycleGrain, LifecycleGrain>("life", (i, id) => new LifecycleGrainReference(i, id))
                .AddPostgresGrainStorage(connectionString, configure: o => { o.GroupCommit = groupCommit; o.GroupRead = groupCommit; }),
            s => s.AddSingleton(new LifecycleProbe()).AddSingleton<IWriteFence>(fence));
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>("fenced");
        var id = new GrainId("life", "fenced");

        fence.Open = false;
        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetAndWriteAsync(1)); // INSERT refused
        Assert.Null(await TestDatabase.ReadStateAsync(connectionString, id, "life"));

        fence.Open = true;
        Assert.Equal("1", await grain.SetAndWriteAsync(2));

        fence.Open = false;
        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetAndWriteAsync(3)); // UPDATE refused
        var row = await TestDatabase.ReadStateAsync(connectionString, id, "life");
        Assert.Equal(1, row!.Version);
        Assert.Contains("2", row.Json, StringComparison.Ordinal);
        Assert.All(fence.Partitions, p => Assert.Equal(id.Partition(256), p));
    }

    /// <summary>A fence whose predicate is a parameter the test switches: closed, no write may commit.</summary>
    private sealed class SwitchFence : IWriteFence
    {
        public bool Open { get; set; } = true;

        public System.Collections.Concurrent.ConcurrentBag<int> Partitions { get; } = [];

        public string Predicate(int firstParameter) => $"${firstParameter}::boolean";

        public void AddParameters(NpgsqlParameterCollection parameters, GrainId grainId, int partition)
        {
            Partitions.Add(partition);
            parameters.Add(new NpgsqlParameter<bool> { TypedValue = Open });
        }
    }
}
