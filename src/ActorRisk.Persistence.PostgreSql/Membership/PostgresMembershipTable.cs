using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace ActorRisk.Persistence.PostgreSql;

/// <summary>
/// Orleans' membership table in PostgreSQL (<c>orleans_membership</c> and <c>orleans_membership_version</c>,
/// migration 007) for the silo's cluster id, on the silo's shared pool for its connection string.
/// A change of an entry and of the table version is one transaction that first updates the version row where its
/// etag is still the one read: that row's lock orders concurrent writers of a cluster, and whoever read an older
/// version changes nothing and gets false. An update also names the entry's etag.
/// </summary>
public sealed class PostgresMembershipTable(PostgresDatabases databases, IOptions<PostgresClusteringOptions> options, IOptions<ClusterOptions> cluster)
    : IMembershipTable
{
    /// <summary>The version etag reported before a silo created the cluster's version row: no write can match it.</summary>
    private const string NoVersionEtag = "none";

    private const string ReadSql =
        $"SELECT v.version, v.etag, {EntryColumns} FROM orleans_membership_version v LEFT JOIN orleans_membership m ON m.cluster_id = v.cluster_id";

    private const string EntryColumns =
        "m.address, m.port, m.generation, m.silo_name, m.host_name, m.status, m.proxy_port, m.role_name, m.update_zone, m.fault_zone, " +
        "m.start_time, m.i_am_alive_time, m.suspecting_silos, m.suspect_times, m.etag";

    private readonly PostgresDatabase database = Validated(databases, options);
    private readonly string clusterId = cluster.Value.ClusterId;

    /// <summary>Migrates the database and, for a silo, creates the cluster's version row (version 0) unless it exists.</summary>
    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        try
        {
            await database.EnsureMigratedAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            throw new OrleansConfigurationException(
                $"PostgreSQL membership table could not migrate {database.Target}: {exception.Message} Check {nameof(PostgresClusteringOptions)}.{nameof(PostgresClusteringOptions.ConnectionString)}.",
                exception);
        }

        if (tryInitTableVersion)
        {
            await using var command = database.DataSource.CreateCommand(
                "INSERT INTO orleans_membership_version (cluster_id, version, etag) VALUES ($1, 0, $2) ON CONFLICT ON CONSTRAINT orleans_membership_version_pk DO NOTHING");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = MembershipEtag.New() });
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The silo's entry (if any) and the table version, from one statement: one snapshot.</summary>
    public async Task<MembershipTableData> ReadRow(SiloAddress key)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var command = database.DataSource.CreateCommand(
            $"{ReadSql} AND m.address = $2 AND m.port = $3 AND m.generation = $4 WHERE v.cluster_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        MembershipRow.AddKey(command.Parameters, key);
        return await ReadTableAsync(command).ConfigureAwait(false);
    }

    /// <summary>Every entry of the cluster and the table version, from one statement: one snapshot.</summary>
    public async Task<MembershipTableData> ReadAll()
    {
        await using var command = database.DataSource.CreateCommand($"{ReadSql} WHERE v.cluster_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        return await ReadTableAsync(command).ConfigureAwait(false);
    }

    /// <summary>False when the version etag is not the table's any more, or the silo already has an entry.</summary>
    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        return ChangeAsync(tableVersion, async (connection, transaction) =>
        {
            await using var insert = new NpgsqlCommand(
                $"""
                INSERT INTO orleans_membership (cluster_id, {MembershipRow.Columns})
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                ON CONFLICT ON CONSTRAINT orleans_membership_pk DO NOTHING
                """,
                connection,
                transaction);
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
            MembershipRow.AddKey(insert.Parameters, entry.SiloAddress);
            MembershipRow.AddValues(insert.Parameters, entry);
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = MembershipEtag.New() });
            return await insert.ExecuteNonQueryAsync().ConfigureAwait(false) == 1;
        });
    }

    /// <summary>Replaces the silo's entry. False when the version etag or the entry's etag is not the table's any more, or there is no entry.</summary>
    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(etag);
        ArgumentNullException.ThrowIfNull(tableVersion);
        return ChangeAsync(tableVersion, async (connection, transaction) =>
        {
            await using var update = new NpgsqlCommand(
                """
                UPDATE orleans_membership
                SET silo_name = $5, host_name = $6, status = $7, proxy_port = $8, role_name = $9, update_zone = $10, fault_zone = $11,
                    start_time = $12, i_am_alive_time = $13, suspecting_silos = $14, suspect_times = $15, etag = $16
                WHERE cluster_id = $1 AND address = $2 AND port = $3 AND generation = $4 AND etag = $17
                """,
                connection,
                transaction);
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
            MembershipRow.AddKey(update.Parameters, entry.SiloAddress);
            MembershipRow.AddValues(update.Parameters, entry);
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = MembershipEtag.New() });
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = etag });
            return await update.ExecuteNonQueryAsync().ConfigureAwait(false) == 1;
        });
    }

    /// <summary>
    /// Sets the entry's IAmAlive time and nothing else: neither etag nor table version, so a heartbeat never makes
    /// another silo's pending change fail. A missing entry (the cluster's rows were deleted) is left missing.
    /// </summary>
    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = database.DataSource.CreateCommand(
            "UPDATE orleans_membership SET i_am_alive_time = $5 WHERE cluster_id = $1 AND address = $2 AND port = $3 AND generation = $4");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        MembershipRow.AddKey(command.Parameters, entry.SiloAddress);
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = MembershipRow.AsUtc(entry.IAmAliveTime), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Removes the version row and, with it (ON DELETE CASCADE), every entry of <paramref name="clusterId"/>.</summary>
    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        ArgumentNullException.ThrowIfNull(clusterId);
        await using var command = database.DataSource.CreateCommand("DELETE FROM orleans_membership_version WHERE cluster_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Removes the cluster's defunct entries: not Active, and last heard of (started or IAmAlive, whichever is later)
    /// before <paramref name="beforeDate"/>. As in Orleans' own tables, any status but Active counts: a silo stuck in
    /// Joining or ShuttingDown for that long is gone too. The table version stays: no live silo's view changes.
    /// </summary>
    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        await using var command = database.DataSource.CreateCommand(
            "DELETE FROM orleans_membership WHERE cluster_id = $1 AND status <> $2 AND greatest(start_time, i_am_alive_time) < $3");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = nameof(SiloStatus.Active) });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = beforeDate.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static PostgresDatabase Validated(PostgresDatabases databases, IOptions<PostgresClusteringOptions> options)
    {
        new PostgresClusteringOptionsValidator(options).ValidateConfiguration();
        return databases.Get(options.Value.ConnectionString);
    }

    /// <summary>
    /// Moves the table to <paramref name="tableVersion"/> and changes one entry, together or not at all. The version
    /// row is updated first: that takes its lock, so a concurrent writer of the cluster waits, then finds a new etag.
    /// </summary>
    private async Task<bool> ChangeAsync(TableVersion tableVersion, Func<NpgsqlConnection, NpgsqlTransaction, Task<bool>> changeEntry)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using var version = new NpgsqlCommand(
            "UPDATE orleans_membership_version SET version = $2, etag = $3 WHERE cluster_id = $1 AND etag = $4", connection, transaction);
        version.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        version.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tableVersion.Version });
        version.Parameters.Add(new NpgsqlParameter<string> { TypedValue = MembershipEtag.New() });
        version.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tableVersion.VersionEtag ?? "" });
        if (await version.ExecuteNonQueryAsync().ConfigureAwait(false) != 1 || !await changeEntry(connection, transaction).ConfigureAwait(false))
        {
            await transaction.RollbackAsync().ConfigureAwait(false);
            return false;
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return true;
    }

    private static async Task<MembershipTableData> ReadTableAsync(NpgsqlCommand command)
    {
        var entries = new List<Tuple<MembershipEntry, string>>();
        var version = new TableVersion(0, NoVersionEtag);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            version = new TableVersion(reader.GetInt32(0), reader.GetString(1));
            if (!reader.IsDBNull(2))
            {
                entries.Add(MembershipRow.Read(reader, first: 2));
            }
        }

        return new MembershipTableData(entries, version);
    }
}
