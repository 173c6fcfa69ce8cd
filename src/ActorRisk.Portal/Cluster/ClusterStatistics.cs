namespace ActorRisk.Portal.Cluster;

/// <summary>One silo as the cluster's membership and its own runtime statistics describe it.</summary>
public sealed record SiloRow(
    string Address,
    string Name,
    string Status,
    DateTimeOffset? Started,
    DateTimeOffset? LastAlive,
    int? Activations,
    float? CpuPercent,
    long? MemoryBytes,
    long? AvailableMemoryBytes,
    bool Overloaded,
    long? ReceivedMessages,
    long? SentMessages);

/// <summary>Activations of one grain type across the cluster, and on how many silos they are.</summary>
public sealed record GrainTypeRow(string GrainType, int Activations, int Silos);

/// <summary>What the cluster page shows, read at <see cref="At"/>.</summary>
public sealed record ClusterSnapshot(IReadOnlyList<SiloRow> Silos, IReadOnlyList<GrainTypeRow> GrainTypes, int TotalActivations, DateTimeOffset At);

/// <summary>
/// Reads the cluster's silos and grain activations through Orleans' management grain, for the administrators' cluster
/// page. Dead silos are listed from membership with no statistics (they cannot answer); a silo that does not answer in
/// time is shown without them rather than failing the page.
/// </summary>
public sealed class ClusterStatistics(IGrainFactory grains, TimeProvider clock)
{
    public async Task<ClusterSnapshot> ReadAsync()
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var active = hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloAddress).ToArray();

        var runtime = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active);
        var bySilo = active.Zip(runtime).ToDictionary(p => p.First, p => p.Second);
        var grainStatistics = active.Length == 0 ? [] : await management.GetSimpleGrainStatistics(active);

        var silos = hosts
            .OrderBy(h => h.Status == SiloStatus.Active ? 0 : 1)
            .ThenBy(h => h.SiloAddress.ToString(), StringComparer.Ordinal)
            .Select(h =>
            {
                bySilo.TryGetValue(h.SiloAddress, out var statistics);
                return new SiloRow(
                    h.SiloAddress.ToString(),
                    h.SiloName ?? h.HostName ?? "",
                    h.Status.ToString(),
                    Utc(h.StartTime),
                    Utc(h.IAmAliveTime),
                    statistics?.ActivationCount,
                    statistics?.EnvironmentStatistics.FilteredCpuUsagePercentage,
                    statistics?.EnvironmentStatistics.FilteredMemoryUsageBytes,
                    statistics?.EnvironmentStatistics.FilteredAvailableMemoryBytes,
                    statistics?.IsOverloaded ?? false,
                    statistics?.ReceivedMessages,
                    statistics?.SentMessages);
            })
            .ToList();

        var grainTypes = grainStatistics
            .GroupBy(s => s.GrainType, StringComparer.Ordinal)
            .Select(g => new GrainTypeRow(ShortName(g.Key), g.Sum(s => s.ActivationCount), g.Select(s => s.SiloAddress).Distinct().Count()))
            .OrderByDescending(r => r.Activations)
            .ThenBy(r => r.GrainType, StringComparer.Ordinal)
            .ToList();

        return new ClusterSnapshot(silos, grainTypes, grainTypes.Sum(r => r.Activations), clock.GetUtcNow());
    }

    // Grain types are full CLR names ("ActorRisk.Grains.Cards.CardGrain"); the class name is what an operator knows.
    internal static string ShortName(string grainType)
    {
        var name = grainType.Split(',')[0];
        var generic = name.IndexOf('`', StringComparison.Ordinal);
        name = generic >= 0 ? name[..generic] : name;
        var dot = name.LastIndexOf('.');
        return dot >= 0 ? name[(dot + 1)..] : name;
    }

    private static DateTimeOffset? Utc(DateTime time) =>
        time == default ? null : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
