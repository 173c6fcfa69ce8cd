using ActorRisk.Persistence.Memory;
using ActorRisk.Persistence.Tests.Storage;

namespace ActorRisk.Persistence.Tests.Memory;

/// <summary>
/// What the memory store adds to the storage contract (GrainStorageTests): immutable states are kept as the very
/// object written, never serialized or copied, and mutable ones are copied both ways, so neither the writer nor a
/// reader can change what the store holds.
/// </summary>
public sealed class MemoryStateObjectTests(MemoryStateStorageFixture fixture) : IClassFixture<MemoryStateStorageFixture>
{
    private IGrainStorage Storage => fixture.Storage;

    [Fact]
    public async Task AnImmutableStateIsKeptAndReadAsTheSameObject()
    {
        var id = Grains.NewId();
        var written = new LedgerState("ana", 120);

        await Storage.WriteStateAsync("ledger", id, Grains.State(written));
        var read = Grains.State(new LedgerState("", 0));
        await Storage.ReadStateAsync("ledger", id, read);

        Assert.Same(written, read.State);
    }

    [Fact]
    public async Task AMutableStateChangedAfterItsWriteKeepsWhatWasWritten()
    {
        var id = Grains.NewId();
        var written = Grains.State(new AccountState { Owner = "ana", Balance = 1, Entries = ["open"] });
        await Storage.WriteStateAsync("account", id, written);

        written.State!.Balance = 99;
        written.State.Entries.Add("not written");
        var read = Grains.State(new AccountState());
        await Storage.ReadStateAsync("account", id, read);
        read.State!.Entries.Add("changed by a reader");
        var again = Grains.State(new AccountState());
        await Storage.ReadStateAsync("account", id, again);

        Assert.Equal(1, again.State!.Balance);
        Assert.Equal(["open"], again.State.Entries);
    }

    [Fact]
    public async Task StatesOfOneNameAreListedAsLastWritten()
    {
        var store = (MemoryStateStorage)Storage;
        var name = $"listed-{Guid.NewGuid():N}";
        var firstId = Grains.NewId();
        var first = Grains.State(new LedgerState("a", 1));
        await Storage.WriteStateAsync(name, firstId, first);
        await Storage.WriteStateAsync(name, Grains.NewId(), Grains.State(new LedgerState("b", 2)));
        await Storage.WriteStateAsync($"other-{name}", Grains.NewId(), Grains.State(new LedgerState("c", 3)));
        first.State = new LedgerState("a", 10);
        await Storage.WriteStateAsync(name, firstId, first);

        Assert.Equal(["a:10", "b:2"], store.States<LedgerState>(name).Select(s => $"{s.Owner}:{s.Balance}").Order());
    }
}
