namespace ActorRisk.Persistence.Tests.Storage;

/// <summary>
/// Orleans' IGrainStorage contract, written once and run against every provider (see GrainStorageSuites): ETags
/// guard every write and clear, a clear reads back as no record, keys never collide, and concurrent writers are
/// all served or refused exactly as their ETags say. Every test uses grain keys of its own.
/// </summary>
public abstract class GrainStorageTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : StorageFixture
{
    private const string StateName = "account";

    protected IGrainStorage Storage => fixture.Storage;

    [Fact]
    public async Task NothingStoredReadsAsANewStateWithoutRecordOrEtag()
    {
        var read = Grains.State(new AccountState { Owner = "leftover" }, etag: "stale");
        read.RecordExists = true;

        await Storage.ReadStateAsync(StateName, Grains.NewId(), read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal("", read.State!.Owner);
    }

    [Fact]
    public async Task FirstWriteIsReadBack()
    {
        var id = Grains.NewId();
        var written = Grains.State(new AccountState { Owner = "ana", Balance = 120, Status = AccountStatus.Frozen, Entries = ["open", "freeze"] });

        await Storage.WriteStateAsync(StateName, id, written);

        Assert.NotNull(written.ETag);
        Assert.True(written.RecordExists);
        var read = await ReadAsync(id);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("ana", read.State!.Owner);
        Assert.Equal(120, read.State!.Balance);
        Assert.Equal(AccountStatus.Frozen, read.State!.Status);
        Assert.Equal(["open", "freeze"], read.State!.Entries);
    }

    [Fact]
    public async Task WriteWithTheEtagItReadIsStoredUnderANewEtag()
    {
        var id = Grains.NewId();
        await Storage.WriteStateAsync(StateName, id, Grains.State(new AccountState { Balance = 1 }));
        var read = await ReadAsync(id);
        var firstEtag = read.ETag;

        read.State!.Balance = 2;
        await Storage.WriteStateAsync(StateName, id, read);

        Assert.NotEqual(firstEtag, read.ETag);
        var again = await ReadAsync(id);
        Assert.Equal(2, again.State!.Balance);
        Assert.Equal(read.ETag, again.ETag);
    }

    [Fact]
    public async Task WriteWithAStaleEtagThrowsAndLeavesTheStoredStateUnchanged()
    {
        var id = Grains.NewId();
        var first = Grains.State(new AccountState { Balance = 1 });
        await Storage.WriteStateAsync(StateName, id, first);
        var staleEtag = first.ETag;
        first.State!.Balance = 2;
        await Storage.WriteStateAsync(StateName, id, first);

        var stale = Grains.State(new AccountState { Balance = 99 }, staleEtag);
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, stale));

        var read = await ReadAsync(id);
        Assert.Equal(2, read.State!.Balance);
        Assert.Equal(first.ETag, read.ETag);
    }

    [Fact]
    public async Task WriteWithoutEtagWhenARecordExistsThrows()
    {
        var id = Grains.NewId();
        await Storage.WriteStateAsync(StateName, id, Grains.State(new AccountState { Owner = "first" }));

        var blind = Grains.State(new AccountState { Owner = "second" });
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, blind));

        Assert.Equal("first", (await ReadAsync(id)).State!.Owner);
    }

    [Fact]
    public async Task ClearedStateReadsAsNoRecordAndCanBeWrittenAgain()
    {
        var id = Grains.NewId();
        var state = Grains.State(new AccountState { Owner = "ana", Balance = 5 });
        await Storage.WriteStateAsync(StateName, id, state);

        await Storage.ClearStateAsync(StateName, id, state);

        Assert.False(state.RecordExists);
        Assert.Equal(0, state.State!.Balance); // a new instance, not the cleared one
        var read = await ReadAsync(id);
        Assert.False(read.RecordExists);
        Assert.Equal("", read.State!.Owner);

        read.State!.Owner = "bob";
        await Storage.WriteStateAsync(StateName, id, read);
        var again = await ReadAsync(id);
        Assert.True(again.RecordExists);
        Assert.Equal("bob", again.State!.Owner);
    }

    [Fact]
    public async Task ClearWithAStaleEtagThrowsAndKeepsTheState()
    {
        var id = Grains.NewId();
        var state = Grains.State(new AccountState { Balance = 1 });
        await Storage.WriteStateAsync(StateName, id, state);
        var stale = Grains.State(new AccountState(), state.ETag);
        state.State!.Balance = 2;
        await Storage.WriteStateAsync(StateName, id, state);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, id, stale));

        var read = await ReadAsync(id);
        Assert.True(read.RecordExists);
        Assert.Equal(2, read.State!.Balance);
    }

    [Fact]
    public async Task TwoStatesOfOneGrainAreKeptApart()
    {
        var id = Grains.NewId("merchant");
        await Storage.WriteStateAsync("merchant", id, Grains.State(new AccountState { Owner = "state" }));
        await Storage.WriteStateAsync("merchant-summary", id, Grains.State(new AccountState { Owner = "summary" }));

        Assert.Equal("state", (await ReadAsync(id, "merchant")).State!.Owner);
        Assert.Equal("summary", (await ReadAsync(id, "merchant-summary")).State!.Owner);
    }

    /// <summary>Orleans' ADO.NET scripts key rows by state name and key only, so these two collide there (dotnet/orleans#8746).</summary>
    [Fact]
    public async Task TwoGrainTypesWithTheSameKeyAndStateNameAreKeptApart()
    {
        var key = Guid.NewGuid().ToString("N");
        var card = GrainId.Create("card", key);
        var merchant = GrainId.Create("merchant", key);
        await Storage.WriteStateAsync("state", card, Grains.State(new AccountState { Owner = "card" }));
        await Storage.WriteStateAsync("state", merchant, Grains.State(new AccountState { Owner = "merchant" }));

        Assert.Equal("card", (await ReadAsync(card, "state")).State!.Owner);
        Assert.Equal("merchant", (await ReadAsync(merchant, "state")).State!.Owner);
    }

    [Fact]
    public async Task ManyConcurrentWritersToDifferentGrainsAllSucceedAndAreAllReadBack()
    {
        const int writers = 200;
        using var batches = new BatchSizeRecorder(fixture.Name);
        var ids = Enumerable.Range(0, writers).Select(_ => Grains.NewId()).ToArray();

        await Task.WhenAll(ids.Select((id, i) => Task.Run(() =>
            Storage.WriteStateAsync(StateName, id, Grains.State(new AccountState { Owner = id.ToString(), Balance = i }))))).Within();

        var reads = await Task.WhenAll(ids.Select(id => Task.Run(() => ReadAsync(id)))).Within();
        for (var i = 0; i < writers; i++)
        {
            Assert.True(reads[i].RecordExists);
            Assert.Equal(ids[i].ToString(), reads[i].State!.Owner);
            Assert.Equal(i, reads[i].State!.Balance);
        }

        if (fixture.BatchesWrites)
        {
            Assert.Equal(writers, batches.Sizes.Sum());
            Assert.Contains(batches.Sizes, size => size > 1);
        }
    }

    [Fact]
    public async Task OfConcurrentWritersWithTheSameEtagExactlyOneWins()
    {
        var id = Grains.NewId();
        var initial = Grains.State(new AccountState { Owner = "initial" });
        await Storage.WriteStateAsync(StateName, id, initial);

        var (winner, conflicts) = await RaceAsync(id, initial.ETag, writers: 16);

        Assert.Equal(15, conflicts);
        Assert.Equal(winner, (await ReadAsync(id)).State!.Owner);
    }

    [Fact]
    public async Task OfConcurrentFirstWritersExactlyOneWins()
    {
        var id = Grains.NewId();

        var (winner, conflicts) = await RaceAsync(id, etag: null, writers: 16);

        Assert.Equal(15, conflicts);
        Assert.Equal(winner, (await ReadAsync(id)).State!.Owner);
    }

    /// <summary>Starts the writers together; returns the one that succeeded and how many got a conflict (any other error fails the test).</summary>
    private async Task<(string Winner, int Conflicts)> RaceAsync(GrainId id, string? etag, int writers)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            await Storage.WriteStateAsync(StateName, id, Grains.State(new AccountState { Owner = $"writer-{i}" }, etag));
            return $"writer-{i}";
        })).ToList();
        start.SetResult();
        await Task.WhenAll(attempts).ContinueWith(_ => { }, TaskScheduler.Default).Within();

        var winners = attempts.Where(a => a.IsCompletedSuccessfully).Select(a => a.Result).ToList();
        Assert.All(attempts.Where(a => a.IsFaulted), a => Assert.IsAssignableFrom<InconsistentStateException>(a.Exception!.InnerException));
        return (Assert.Single(winners), attempts.Count(a => a.IsFaulted));
    }

    private async Task<GrainState<AccountState>> ReadAsync(GrainId id, string stateName = StateName)
    {
        var read = Grains.Empty<AccountState>();
        await Storage.ReadStateAsync(stateName, id, read);
        return read;
    }
}
