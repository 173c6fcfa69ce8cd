namespace ActorRisk.Persistence.Tests.Storage;

/// <summary>ActorRisk's PostgreSQL storage, concurrent writes sharing transactions.</summary>
public sealed class PostgresGroupCommitStorageTests(PostgresGroupCommitFixture fixture) : GrainStorageTests<PostgresGroupCommitFixture>(fixture);

/// <summary>ActorRisk's PostgreSQL storage, one transaction per write.</summary>
public sealed class PostgresPerWriteStorageTests(PostgresPerWriteFixture fixture) : GrainStorageTests<PostgresPerWriteFixture>(fixture);

/// <summary>Orleans' Azure Table storage (Azurite): the suite describes Orleans' contract, not one provider's habits.</summary>
public sealed class AzureTableStorageTests(AzureTableStorageFixture fixture) : GrainStorageTests<AzureTableStorageFixture>(fixture);

/// <summary>ActorRisk's memory store of memory mode (objects kept by reference or copied, ETag checked).</summary>
public sealed class MemoryStateStorageTests(MemoryStateStorageFixture fixture) : GrainStorageTests<MemoryStateStorageFixture>(fixture);
