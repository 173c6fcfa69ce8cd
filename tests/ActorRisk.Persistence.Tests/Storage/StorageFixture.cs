namespace ActorRisk.Persistence.Tests.Storage;

/// <summary>One storage provider under test, registered in a real silo the way the product registers it.</summary>
public abstract class StorageFixture : IAsyncLifetime
{
    private TestSiloHost? silo;

    /// <summary>The provider's name, unique per fixture (it also tags the PostgreSQL batch-size measurements).</summary>
    public string Name { get; } = $"store-{Guid.NewGuid():N}";

    public IGrainStorage Storage => silo?.Storage(Name) ?? throw new InvalidOperationException("The silo has not started.");

    /// <summary>True when concurrent writes must share transactions (PostgreSQL group commit).</summary>
    public virtual bool BatchesWrites => false;

    public async Task InitializeAsync() => silo = await StartAsync();

    public async Task DisposeAsync()
    {
        if (silo is not null)
        {
            await silo.DisposeAsync();
        }
    }

    private protected abstract Task<TestSiloHost> StartAsync();
}
