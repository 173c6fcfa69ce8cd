using Orleans.Placement;

namespace ActorRisk.Benchmarks.Grains;

/// <summary>
/// The target of the cross-silo benchmarks: <see cref="IPingGrain.AddAsync"/>'s work, in a grain whose activation
/// is placed in the silo that first calls it, and which says where it runs. Its own interface, not IPingGrain: a
/// second class implementing IPingGrain would make IPingGrain references ambiguous in the other benchmarks.
/// </summary>
[Alias("bench.placed-ping")]
public interface IPlacedPingGrain : IGrainWithStringKey
{
    /// <summary>Completes synchronously, as IPingGrain.AddAsync: what is measured is the call, not the work.</summary>
    [Alias("add")]
    Task<PingCount> AddAsync(PingAdd command);

    /// <summary>The silo of the activation that answered.</summary>
    [Alias("silo")]
    Task<SiloAddress> SiloAsync();
}

/// <summary>
/// Prefer-local placement makes where each target runs a choice of the benchmark's setup (the silo whose client
/// calls it first) instead of chance, as random or resource-optimized placement would make it. No persistent
/// state: unlike PingGrain, nothing is loaded at activation, and no call reads or writes storage either way.
/// </summary>
[GrainType("bench-placed-ping")]
[PreferLocalPlacement]
public sealed class PlacedPingGrain(ILocalSiloDetails silo) : Grain, IPlacedPingGrain
{
    private readonly PingState state = new();

    public Task<PingCount> AddAsync(PingAdd command) => Task.FromResult(PingLogic.Add(state, command));

    public Task<SiloAddress> SiloAsync() => Task.FromResult(silo.SiloAddress);
}
