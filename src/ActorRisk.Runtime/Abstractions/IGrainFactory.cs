namespace ActorRisk.Runtime.Abstractions;

/// <summary>Gives typed references to grains. A reference is cheap and valid anywhere in the process; the grain activates on its first call.</summary>
public interface IGrainFactory
{
    TGrain GetGrain<TGrain>(string key)
        where TGrain : IGrainWithStringKey;
}
