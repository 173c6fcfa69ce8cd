using ActorRisk.Persistence.PostgreSql;
using Orleans.Clustering.AzureStorage;

namespace ActorRisk.Silo.Hosting;

/// <summary>
/// The Orleans client of an API-tier host (<see cref="HostRole.Api"/>): the silos' cluster found through the same store
/// they register in, ActorRisk's serialization, and the live streams the portal reads.
/// </summary>
internal static class ClientComposition
{
    public static void Configure(IClientBuilder client, StorageSettings storage, OrleansOptions orleans)
    {
        ClusterMembershipBasics.Configure(client.Services, orleans);
        client.AddMemoryStreams(CardStreams.Provider);

        switch (storage.Mode)
        {
            case StorageMode.Postgres:
                client.UsePostgresClustering(o => o.ConnectionString = storage.GrainStoreConnectionString!);
                break;

            case StorageMode.Azure:
                client.UseAzureStorageClustering((AzureStorageGatewayOptions o) => o.TableServiceClient = storage.Tables!);
                break;

            default:
                // Memory mode keeps grain state and read models inside the silo process: nothing there to share with an API tier.
                throw new InvalidOperationException(
                    $"--role api needs the store the silos share: ActorRisk:Storage postgres or azure, not {storage.Mode.ToString().ToLowerInvariant()}.");
        }
    }
}
