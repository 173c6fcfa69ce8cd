using System.Globalization;
using Azure.Data.Tables;
using Npgsql;

namespace ActorRisk.Cluster.Tests.Support;

/// <summary>One silo's row in the cluster's membership table: its silo port and the status the cluster gave it.</summary>
public sealed record MembershipRow(int SiloPort, int Generation, string Status);

/// <summary>
/// The cluster's membership as its store holds it, read straight from the store the silos write: in postgres mode
/// ActorRisk's <c>orleans_membership</c> table, in azure mode Orleans' <c>OrleansSiloInstances</c> table on Azurite
/// (one partition per cluster id, one row per silo keyed "address-port-generation", beside a version row).
/// </summary>
public static class Membership
{
    /// <summary>Orleans' AzureStorageClusteringOptions.DEFAULT_TABLE_NAME, which ActorRisk keeps.</summary>
    private const string AzureTable = "OrleansSiloInstances";

    private static readonly string[] TcpTables = ["/proc/net/tcp", "/proc/net/tcp6"];

    public static async Task<IReadOnlyList<MembershipRow>> ReadAsync(LocalCluster cluster)
    {
        var store = cluster.Store;
        return store.Azure is null ? await ReadPostgresAsync(store.Postgres, cluster.ClusterId) : await ReadAzureAsync(store.Azure, cluster.ClusterId);
    }

    /// <summary>The row of <paramref name="silo"/> (found by the silo port its process listens on), or null before it joined.</summary>
    public static async Task<MembershipRow?> EntryOfAsync(LocalCluster cluster, HostProcess silo)
    {
        var ports = ListeningPorts(silo);
        return (await ReadAsync(cluster)).Where(e => ports.Contains(e.SiloPort)).MaxBy(e => e.Generation);
    }

    /// <summary>The TCP ports the host process listens on (HTTP, silo, gateway), from /proc: the test knows only its HTTP port.</summary>
    public static IReadOnlySet<int> ListeningPorts(HostProcess host)
    {
        var sockets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var descriptor in Directory.EnumerateFileSystemEntries($"/proc/{host.Id}/fd"))
        {
            var target = new FileInfo(descriptor).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                sockets.Add(target["socket:[".Length..^1]);
            }
        }

        var ports = new HashSet<int>();
        foreach (var table in TcpTables.Where(File.Exists))
        {
            // "sl local_address rem_address st ... inode": local address is hex "ADDR:PORT", state 0A is LISTEN.
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 9 && columns[3] == "0A" && sockets.Contains(columns[9]))
                {
                    ports.Add(int.Parse(columns[1][(columns[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
        }

        return ports;
    }

    private static async Task<IReadOnlyList<MembershipRow>> ReadPostgresAsync(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT port, generation, status FROM orleans_membership WHERE cluster_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        var entries = new List<MembershipRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new(reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2)));
        }

        return entries;
    }

    private static async Task<IReadOnlyList<MembershipRow>> ReadAzureAsync(string connectionString, string clusterId)
    {
        var table = new TableClient(connectionString, AzureTable);
        var entries = new List<MembershipRow>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == clusterId))
        {
            // Silo rows are "127.0.0.1-port-generation"; the version row ("VersionRow") has no status.
            if (row.GetString("Status") is { } status)
            {
                var key = row.RowKey.Split('-');
                entries.Add(new(int.Parse(key[^2], CultureInfo.InvariantCulture), int.Parse(key[^1], CultureInfo.InvariantCulture), status));
            }
        }

        return entries;
    }
}
