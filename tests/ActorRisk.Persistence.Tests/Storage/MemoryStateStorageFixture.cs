using ActorRisk.Persistence.Memory;

namespace ActorRisk.Persistence.Tests.Storage;

/// <summary>ActorRisk's memory state storage, registered in a real silo as memory mode registers it.</summary>
public sealed class MemoryStateStorageFixture : StorageFixture
{
    private protected override Task<TestSiloHost> StartAsync() =>
        TestSiloHost.StartAsync(silo => silo.AddMemoryStateStorage(asDefault: false, Name));
}
