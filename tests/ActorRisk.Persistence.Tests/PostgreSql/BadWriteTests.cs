namespace ActorRisk.Persistence.Tests.PostgreSql;

/// <summary>One write the database refuses never fails the writes that shared its transaction.</summary>
public sealed class BadWriteTests
{
    /// <summary>jsonb refuses the escape \u0000 (22P05), though it is valid JSON: a real value only the database rejects.</summary>
    private const string Refused = "nul\u0000byte";

    [Fact]
    public async Task ABatchWithOneBadWriteFailsOnlyThatWrite()
    {
        var connectionString = await TestDatabase.CreateAsync("bad_write");
        await using var direct = new DirectStorage(connectionString, o => o.MaxConcurrentBatches = 1);
        var storage = direct.Storage;
        var blocker = Grains.NewId();
        await storage.WriteStateAsync("account", blocker, Grains.State(new AccountState()));
        using var batches = new BatchSizeRecorder(direct.Name);
        var ids = Enumerable.Range(0, 20).Select(_ => Grains.NewId()).ToArray();
        Task[] writes;

        // The only worker waits on the locked row, so the next 20 writes queue up and form one batch, the bad one
        // in the middle.
        var blocked = Grains.State(new AccountState { Owner = "blocked" }, "1");
        Task blockerWrite;
        await using (await RowLock.TakeAsync(connectionString, blocker, "account"))
        {
            blockerWrite = storage.WriteStateAsync("account", blocker, blocked);
            await RowLock.WaitForBlockedBackendAsync(connectionString);
            writes = [.. ids.Select((id, i) => storage.WriteStateAsync("account", id, Grains.State(new AccountState { Owner = i == 10 ? Refused : $"good-{i}" })))];
        }

        await blockerWrite.Within();
        await Task.WhenAll(writes).ContinueWith(_ => { }, TaskScheduler.Default).Within();

        var refusal = Assert.IsType<PostgresException>(writes[10].Exception?.InnerException);
        Assert.Equal(PostgresErrorCodes.UntranslatableCharacter, refusal.SqlState);
        for (var i = 0; i < ids.Length; i++)
        {
            var row = await TestDatabase.ReadRowAsync(connectionString, ids[i], "account");
            if (i == 10)
            {
                Assert.Null(row);
                continue;
            }

            Assert.True(writes[i].IsCompletedSuccessfully, $"write {i} failed: {writes[i].Exception?.InnerException?.Message}");
            Assert.Contains($"good-{i}", row!.Json, StringComparison.Ordinal);
        }

        // The blocker's batch, then the 19 good writes one by one: the batch of 20 was refused and split.
        Assert.Equal(Enumerable.Repeat(1, 20), batches.Sizes);
    }

    [Fact]
    public async Task WithoutGroupCommitABadWriteFailsAloneToo()
    {
        var connectionString = await TestDatabase.CreateAsync("bad_single");
        await using var direct = new DirectStorage(connectionString, o => o.GroupCommit = false);
        var good = Grains.NewId();
        var bad = Grains.NewId();

        var writes = new[]
        {
            direct.Storage.WriteStateAsync("account", good, Grains.State(new AccountState { Owner = "good" })),
            direct.Storage.WriteStateAsync("account", bad, Grains.State(new AccountState { Owner = Refused })),
        };
        await Task.WhenAll(writes).ContinueWith(_ => { }, TaskScheduler.Default).Within();

        Assert.True(writes[0].IsCompletedSuccessfully);
        Assert.IsType<PostgresException>(writes[1].Exception?.InnerException);
        Assert.NotNull(await TestDatabase.ReadRowAsync(connectionString, good, "account"));
        Assert.Null(await TestDatabase.ReadRowAsync(connectionString, bad, "account"));
    }
}
