using Microsoft.Extensions.Options;
using Orleans.Configuration;
using static ActorRisk.Persistence.Tests.Membership.MembershipEntries;

namespace ActorRisk.Persistence.Tests.Membership;

/// <summary>
/// The membership table against Orleans' contract (IMembershipTable), in the spirit of Orleans' own membership
/// table tests: the version and etags that make every change conditional, reads of one cluster only, heartbeats,
/// clean-up and deletion. Every test has a cluster id of its own on one shared database.
/// </summary>
public sealed class MembershipTableTests : IAsyncLifetime, IAsyncDisposable
{
    private static readonly Lazy<Task<string>> Database = new(() => TestDatabase.CreateAsync("membership"));

    private readonly PostgresDatabases databases = new();
    private string connectionString = "";
    private PostgresMembershipTable table = null!;

    public async Task InitializeAsync()
    {
        connectionString = await Database.Value;
        table = await TableAsync(NewClusterId());
    }

    public async Task DisposeAsync() => await databases.DisposeAsync();

    ValueTask IAsyncDisposable.DisposeAsync() => databases.DisposeAsync(); // idempotent: whichever xUnit calls

    [Fact]
    public async Task AnEmptyTableReadsAsVersionZeroWithNoEntries()
    {
        var all = await table.ReadAll();
        var row = await table.ReadRow(NewSilo());

        Assert.Empty(all.Members);
        Assert.Equal(0, all.Version.Version);
        Assert.False(string.IsNullOrEmpty(all.Version.VersionEtag));
        Assert.Empty(row.Members);
        Assert.Equal(all.Version, row.Version);
    }

    [Fact]
    public async Task AnInsertedEntryReadsBackWithEveryFieldAndANewVersion()
    {
        var entry = New(SiloStatus.Active);
        entry.RoleName = "risk";
        entry.UpdateZone = 2;
        entry.FaultZone = 3;
        entry.StartTime = Now.AddMinutes(-5);
        entry.AddSuspector(NewSilo(11112), Now.AddSeconds(-2));
        entry.AddSuspector(NewSilo(11113), Now.AddSeconds(-1));
        var before = (await table.ReadAll()).Version;

        Assert.True(await table.InsertRow(entry, before.Next()));

        var row = await table.ReadRow(entry.SiloAddress);
        var all = await table.ReadAll();
        var (read, etag) = Assert.Single(row.Members);
        AssertSame(entry, read);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(1, row.Version.Version);
        Assert.NotEqual(before.VersionEtag, row.Version.VersionEtag);
        Assert.Equal(row.Version, all.Version);
        AssertSame(entry, Assert.Single(all.Members).Item1);
        Assert.Equal(etag, all.Members[0].Item2);
    }

    [Fact]
    public async Task AnEntryWithoutSuspicionsReadsBackWithoutAList()
    {
        var entry = New();

        Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));

        Assert.Null(Assert.Single((await table.ReadRow(entry.SiloAddress)).Members).Item1.SuspectTimes);
    }

    [Fact]
    public async Task AnInsertWithAStaleVersionFailsAndChangesNothing()
    {
        var stale = (await table.ReadAll()).Version;
        var first = New();
        Assert.True(await table.InsertRow(first, stale.Next()));
        var current = await table.ReadAll();

        Assert.False(await table.InsertRow(New(), stale.Next()));
        Assert.False(await table.InsertRow(first, current.Version.Next())); // the same silo twice

        var after = await table.ReadAll();
        Assert.Equal(current.Version, after.Version);
        Assert.Equal(current.Members.Select(m => (m.Item1.SiloAddress, m.Item2)), after.Members.Select(m => (m.Item1.SiloAddress, m.Item2)));
    }

    [Fact]
    public async Task OfConcurrentInsertsOnTheSameVersionExactlyOneWins()
    {
        var version = (await table.ReadAll()).Version.Next();
        var entries = Enumerable.Range(0, 20).Select(_ => New()).ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inserts = entries.Select(e => Task.Run(async () =>
        {
            await start.Task;
            return await table.InsertRow(e, version);
        })).ToList();

        start.SetResult();
        var results = await Task.WhenAll(inserts).Within();

        var winner = Assert.Single(entries.Where((_, i) => results[i]));
        var after = await table.ReadAll();
        Assert.Equal(winner.SiloAddress, Assert.Single(after.Members).Item1.SiloAddress);
        Assert.Equal(1, after.Version.Version);
    }

    [Fact]
    public async Task AnUpdateNeedsTheCurrentRowEtagAndTableVersion()
    {
        var entry = New();
        Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        var read = await table.ReadRow(entry.SiloAddress);
        var etag = read.Members[0].Item2;
        entry.Status = SiloStatus.Active;

        Assert.False(await table.UpdateRow(entry, etag, new TableVersion(read.Version.Version + 1, "stale")));
        Assert.False(await table.UpdateRow(entry, "stale", read.Version.Next()));
        Assert.Equal(read.Version, (await table.ReadAll()).Version);
        Assert.Equal(SiloStatus.Joining, (await table.ReadRow(entry.SiloAddress)).Members[0].Item1.Status);

        Assert.True(await table.UpdateRow(entry, etag, read.Version.Next()));

        var after = await table.ReadRow(entry.SiloAddress);
        AssertSame(entry, after.Members[0].Item1);
        Assert.NotEqual(etag, after.Members[0].Item2);
        Assert.Equal(2, after.Version.Version);
        Assert.False(await table.UpdateRow(entry, etag, after.Version.Next())); // the etag it just replaced
        Assert.False(await table.UpdateRow(New(), after.Members[0].Item2, after.Version.Next())); // no such entry
        Assert.Equal(after.Version, (await table.ReadAll()).Version);
    }

    [Fact]
    public async Task ConcurrentUpdatersThatReadAgainAfterLosingAllGetThrough()
    {
        var entry = New();
        Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var read = await table.ReadRow(entry.SiloAddress);
                var (current, etag) = read.Members[0];
                current.ProxyPort++;
                if (await table.UpdateRow(current, etag, read.Version.Next()))
                {
                    return;
                }
            }
        }))).Within();

        var after = await table.ReadAll();
        Assert.Equal(11, after.Version.Version);
        Assert.Equal(entry.ProxyPort + 10, Assert.Single(after.Members).Item1.ProxyPort);
    }

    [Fact]
    public async Task IAmAliveChangesThatFieldOnlyAndNeitherEtagNorVersion()
    {
        var entry = New();
        Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        var before = await table.ReadRow(entry.SiloAddress);
        var alive = Now.AddSeconds(30);

        // What Orleans sends: the silo's address and the time, nothing else set.
        await table.UpdateIAmAlive(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = alive });

        var after = await table.ReadRow(entry.SiloAddress);
        entry.IAmAliveTime = alive;
        AssertSame(entry, after.Members[0].Item1);
        Assert.Equal(before.Members[0].Item2, after.Members[0].Item2);
        Assert.Equal(before.Version, after.Version);
        Assert.True(await table.UpdateRow(entry, before.Members[0].Item2, before.Version.Next()));
    }

    [Fact]
    public async Task EachClusterReadsItsOwnVersionAndEntriesOnly()
    {
        var other = await TableAsync(NewClusterId());
        var mine = new[] { New(), New() };
        var theirs = New();
        foreach (var entry in mine)
        {
            Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        }

        Assert.True(await other.InsertRow(theirs, (await other.ReadAll()).Version.Next()));

        var all = await table.ReadAll();
        Assert.Equal(2, all.Version.Version);
        Assert.Equal(mine.Select(e => e.SiloAddress).Order(), all.Members.Select(m => m.Item1.SiloAddress).Order());
        Assert.Equal(1, (await other.ReadAll()).Version.Version);
        Assert.Empty((await table.ReadRow(theirs.SiloAddress)).Members);
        Assert.Equal(theirs.SiloAddress, Assert.Single((await other.ReadAll()).Members).Item1.SiloAddress);
    }

    /// <summary>
    /// Orleans' clean-up contract, as its own tables and test suite have it: every entry but an Active one counts as
    /// defunct once it was last heard of (start or IAmAlive) before the date.
    /// </summary>
    [Fact]
    public async Task CleanUpRemovesEntriesNotActiveAndLastHeardOfBeforeTheDateOnly()
    {
        var other = await TableAsync(NewClusterId());
        var longAgo = Now.AddDays(-10);
        var oldOfEachStatus = Enum.GetValues<SiloStatus>().Select(s => New(s, longAgo)).ToList();
        var recentlyDead = New(SiloStatus.Dead);
        var restartedLongAgoButAliveSince = New(SiloStatus.Dead, longAgo);
        restartedLongAgoButAliveSince.IAmAliveTime = Now;
        var othersOldDead = New(SiloStatus.Dead, longAgo);
        foreach (var entry in oldOfEachStatus.Append(recentlyDead).Append(restartedLongAgoButAliveSince))
        {
            Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        }

        Assert.True(await other.InsertRow(othersOldDead, (await other.ReadAll()).Version.Next()));
        var version = (await table.ReadAll()).Version;

        await table.CleanupDefunctSiloEntries(new DateTimeOffset(Now.AddDays(-3)));

        var left = await table.ReadAll();
        Assert.Equal(
            new[] { oldOfEachStatus.Single(e => e.Status == SiloStatus.Active), recentlyDead, restartedLongAgoButAliveSince }.Select(e => e.SiloAddress).Order(),
            left.Members.Select(m => m.Item1.SiloAddress).Order());
        Assert.Equal(version, left.Version);
        Assert.Single((await other.ReadAll()).Members);
    }

    [Fact]
    public async Task DeletingAClustersEntriesLeavesTheOtherClustersAlone()
    {
        var otherId = NewClusterId();
        var other = await TableAsync(otherId);
        Assert.True(await table.InsertRow(New(), (await table.ReadAll()).Version.Next()));
        Assert.True(await other.InsertRow(New(), (await other.ReadAll()).Version.Next()));

        await table.DeleteMembershipTableEntries(otherId);

        Assert.Single((await table.ReadAll()).Members);
        var gone = await other.ReadAll();
        Assert.Empty(gone.Members);
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM orleans_membership_version WHERE cluster_id = $1", otherId));

        await other.InitializeMembershipTable(tryInitTableVersion: true); // a silo of that cluster starting again
        Assert.True(await other.InsertRow(New(), (await other.ReadAll()).Version.Next()));
    }

    [Fact]
    public async Task InitializingAgainKeepsTheVersionAndTheEntries()
    {
        Assert.True(await table.InsertRow(New(), (await table.ReadAll()).Version.Next()));
        var before = await table.ReadAll();

        await table.InitializeMembershipTable(tryInitTableVersion: true);

        var after = await table.ReadAll();
        Assert.Equal(before.Version, after.Version);
        Assert.Single(after.Members);
    }

    [Fact]
    public async Task TheMigrationAppliedTwiceChangesNothing()
    {
        Assert.True(await table.InsertRow(New(), (await table.ReadAll()).Version.Next()));
        var before = await table.ReadAll();
        var script = PostgresSchema.Migrations.Single(m => m.Name == "007_orleans_membership").Sql;

        await TestDatabase.ExecuteAsync(connectionString, script);
        await TestDatabase.ExecuteAsync(connectionString, script);

        var after = await table.ReadAll();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Members.Select(m => m.Item2), after.Members.Select(m => m.Item2));
    }

    [Fact]
    public async Task WithoutAConnectionStringTheTableNamesTheMissingOption()
    {
        var failure = await Assert.ThrowsAsync<OrleansConfigurationException>(() => TableAsync(NewClusterId(), connectionString: ""));

        Assert.Contains("PostgresClusteringOptions.ConnectionString", failure.Message, StringComparison.Ordinal);
    }

    private static string NewClusterId() => $"cluster-{Guid.NewGuid():N}";

    private async Task<PostgresMembershipTable> TableAsync(string clusterId, string? connectionString = null)
    {
        var created = new PostgresMembershipTable(
            databases,
            Options.Create(new PostgresClusteringOptions { ConnectionString = connectionString ?? this.connectionString }),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "membership-tests" }));
        await created.InitializeMembershipTable(tryInitTableVersion: true);
        return created;
    }
}
