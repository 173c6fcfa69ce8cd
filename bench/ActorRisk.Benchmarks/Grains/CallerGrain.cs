using Orleans.Placement;

namespace ActorRisk.Benchmarks.Grains;

/// <summary>
/// The calling side of the cross-silo benchmarks: a grain that calls a target grain from inside its turn, as a card
/// grain calls a merchant grain, so the call goes grain to grain (silo to silo when the target is elsewhere)
/// instead of from a client.
/// </summary>
[Alias("bench.caller")]
public interface ICallerGrain : IGrainWithStringKey
{
    /// <summary><paramref name="calls"/> calls of the target's AddAsync, each awaited before the next.</summary>
    /// <returns>The target's counter after the last call.</returns>
    [Alias("call-in-a-row")]
    Task<PingCount> CallInARowAsync(IPlacedPingGrain target, int calls);

    /// <summary>The silo of this activation, and the silo of the target activation that this grain reaches.</summary>
    [Alias("where")]
    Task<(SiloAddress Caller, SiloAddress Target)> WhereAsync(IPlacedPingGrain target);
}

/// <summary>Placed in the silo whose client calls it first, as the targets are (see PlacedPingGrain).</summary>
[GrainType("bench-caller")]
[PreferLocalPlacement]
public sealed class CallerGrain(ILocalSiloDetails silo) : Grain, ICallerGrain
{
    private static readonly PingAdd One = new(1);

    public async Task<PingCount> CallInARowAsync(IPlacedPingGrain target, int calls)
    {
        ArgumentNullException.ThrowIfNull(target);
        PingCount last = new(0);
        for (var i = 0; i < calls; i++)
        {
            last = await target.AddAsync(One);
        }

        return last;
    }

    public async Task<(SiloAddress Caller, SiloAddress Target)> WhereAsync(IPlacedPingGrain target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return (silo.SiloAddress, await target.SiloAsync());
    }
}
