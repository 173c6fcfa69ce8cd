namespace ActorRisk.Grains.Settings;

/// <summary>How often a process asks the policy and access grains for a newer revision, section "ActorRisk:Cluster".</summary>
public sealed class ClusterSettingsOptions
{
    public const string Section = "ActorRisk:Cluster";

    /// <summary>
    /// A change made through one silo applies on every other within this much (plus a grain call). Two small grain
    /// calls per process per interval; one second keeps the cluster within the two seconds operators are promised.
    /// </summary>
    public TimeSpan SettingsRefresh { get; set; } = TimeSpan.FromSeconds(1);
}
