using Orleans.Placement;

namespace ActorRisk.Persistence.Tests.TestGrains;

/// <summary>A grain that says which silo it lives on; it is placed on the silo of its first caller.</summary>
public interface IWhereGrain : IGrainWithStringKey
{
    Task<SiloAddress> SiloAsync();
}

[PreferLocalPlacement]
public sealed class WhereGrain(ILocalSiloDetails silo) : Grain, IWhereGrain
{
    public Task<SiloAddress> SiloAsync() => Task.FromResult(silo.SiloAddress);
}
