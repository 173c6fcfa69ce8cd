namespace ActorRisk.Persistence.Tests.Storage;

/// <summary>ActorRisk's PostgreSQL storage on a fresh database of the test server, with group commit on or off.</summary>
public abstract class PostgresStorageFixture(bool groupCommit) : StorageFixture
{
    public string ConnectionString { get; private set; } = "";

    public override bool BatchesWrites => groupCommit;

    private protected override async Task<TestSiloHost> StartAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync(groupCommit ? "storage_group" : "storage_single");
        return await TestSiloHost.StartAsync(silo => silo.AddPostgresGrainStorage(Name, options =>
        {
            options.ConnectionString = ConnectionString;
            options.GroupCommit = groupCommit;
            options.GroupRead = groupCommit;
            options.GrainStorageSerializer = TestJsonSerializer.Instance;
        }));
    }
}

public sealed class PostgresGroupCommitFixture() : PostgresStorageFixture(groupCommit: true);

public sealed class PostgresPerWriteFixture() : PostgresStorageFixture(groupCommit: false);
