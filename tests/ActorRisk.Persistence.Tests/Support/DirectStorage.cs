using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;

namespace ActorRisk.Persistence.Tests.Support;

/// <summary>
/// A PostgreSQL grain storage built without a silo, for tests that need several at once or kill their connections:
/// the same constructor the silo's factory calls, with its own pools.
/// </summary>
internal sealed class DirectStorage : IAsyncDisposable
{
    private static readonly Lazy<IActivatorProvider> Activators = new(() =>
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>());

    private readonly PostgresDatabases databases = new();

    public DirectStorage(string connectionString, Action<PostgresGrainStorageOptions>? configure = null)
    {
        Name = $"direct-{Guid.NewGuid():N}";
        Options = new PostgresGrainStorageOptions { ConnectionString = connectionString, GrainStorageSerializer = TestJsonSerializer.Instance };
        configure?.Invoke(Options);
        Storage = new PostgresGrainStorage(Name, Options, databases, Activators.Value, NullLogger<PostgresGrainStorage>.Instance);
    }

    public string Name { get; }

    public PostgresGrainStorageOptions Options { get; }

    public PostgresGrainStorage Storage { get; }

    public async ValueTask DisposeAsync()
    {
        await Storage.DisposeAsync();
        await databases.DisposeAsync();
    }
}
