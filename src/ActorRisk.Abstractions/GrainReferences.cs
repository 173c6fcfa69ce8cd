using System.Collections.Concurrent;
using Orleans;
using Orleans.Runtime;

namespace ActorRisk.Abstractions;

/// <summary>
/// Grain references by key for the hot paths. Orleans' <c>GetGrain&lt;T&gt;(key)</c> works out the interface's grain
/// type again on every call (it reads the interface's attributes by reflection and formats its name, uncached), which
/// measured as several percent of an authorization's CPU and allocations; here it is worked out once per interface
/// and each reference is made from the grain id directly. The reference is the one <c>GetGrain</c> returns.
/// </summary>
public static class GrainReferences
{
    private static readonly ConcurrentDictionary<Type, (GrainType Grain, GrainInterfaceType Interface)> Types = new();

    public static TGrain Grain<TGrain>(this IGrainFactory grains, string key)
        where TGrain : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        var (grainType, interfaceType) = Types.GetOrAdd(typeof(TGrain), static (_, factory) =>
        {
            var reference = (GrainReference)(object)factory.GetGrain<TGrain>("grain-type-probe");
            return (reference.GrainId.Type, reference.InterfaceType);
        }, grains);
        return (TGrain)grains.GetGrain(GrainId.Create(grainType, key), interfaceType);
    }
}
