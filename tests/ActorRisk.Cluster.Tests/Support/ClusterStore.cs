namespace ActorRisk.Cluster.Tests.Support;

/// <summary>
/// The store a test cluster shares, as operators run one: PostgreSQL (membership, grain state, reminders and read
/// models), or Azure Storage on Azurite (membership, grain state, reminders) with the read models in PostgreSQL.
/// Fresh databases each time, on the test process's PostgreSQL server and Azurite.
/// </summary>
public sealed record ClusterStore(string Mode, string Postgres, string? Azure)
{
    public static TheoryData<string> Modes => ["postgres", "azure"];

    public static async Task<ClusterStore> CreateAsync(string mode)
    {
        var postgres = await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync("cluster");
        return mode switch
        {
            "postgres" => new(mode, postgres, null),
            "azure" => new(mode, postgres, (await AzuriteServer.InstanceAsync()).ConnectionString),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "postgres or azure"),
        };
    }

    /// <summary>The storage settings every host of the cluster gets.</summary>
    public IEnumerable<KeyValuePair<string, string>> Settings()
    {
        yield return new("ActorRisk:Storage", Mode);
        if (Azure is not null)
        {
            yield return new("ConnectionStrings:ActorRisk", Azure);
            yield return new("ConnectionStrings:ReadModels", Postgres);
        }
        else
        {
            yield return new("ConnectionStrings:ActorRisk", Postgres);
        }
    }
}
