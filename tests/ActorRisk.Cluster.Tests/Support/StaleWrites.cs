using Orleans.Storage;

namespace ActorRisk.Cluster.Tests;

/// <summary>
/// Grain state writes the storage etag refused, as each host logged them: the trace of two activations of one grain
/// writing (a silo still holding an activation that another silo had already replaced). Reported beside the grain
/// directory in use, not asserted: the ledger's exact counts are the assertion, and how often the fence has to act
/// depends on timing.
/// </summary>
internal static class StaleWrites
{
    public const string DirectoryKey = "ActorRisk:Orleans:GrainDirectory";

    /// <summary>
    /// The grain directory the hosts run with: the cluster's own setting, else the test run's environment
    /// (ActorRisk__Orleans__GrainDirectory reaches every host process), else the product's default.
    /// </summary>
    public static string Directory(LocalCluster cluster) =>
        cluster.Extra.TryGetValue(DirectoryKey, out var set) ? set
        : Environment.GetEnvironmentVariable("ActorRisk__Orleans__GrainDirectory") is { Length: > 0 } chosen ? chosen
        : "eventual (default)";

    public static int Count(string output) =>
        output.Split('\n').Count(line => line.Contains(nameof(InconsistentStateException), StringComparison.Ordinal));

    /// <summary>"grain directory strong; etag refusals: silo 1 0, silo 2 3, silo 3 0".</summary>
    public static string Describe(LocalCluster cluster) =>
        $"grain directory {Directory(cluster)}; etag refusals logged: {string.Join(", ", cluster.All.Select(h => $"{h.Name} {Count(h.Output)}"))}";
}
