using System.Net;
using ActorRisk.Abstractions.Serialization;
using ActorRisk.Persistence.Memory;
using ActorRisk.Persistence.PostgreSql;
using ActorRisk.ReadModels.Merchants;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace ActorRisk.Silo.Hosting;

/// <summary>
/// The Orleans silo of an ActorRisk host: clustering, grain storage, reminders and streams per storage mode, and
/// ActorRisk's serialization. Which store backs what:
/// <code>
///                     memory              postgres                  azure
/// clustering          localhost           PostgreSQL                Azure Table
/// grain state         memory (by ref.)    PostgreSQL                Azure Table
/// merchant summaries  memory (listable)   PostgreSQL                PostgreSQL (read models)
/// reminders           memory              PostgreSQL                Azure Table
/// stream pub-sub      memory              PostgreSQL                Azure Table
/// live streams        memory streams      memory streams            memory streams
/// </code>
/// </summary>
internal static class SiloComposition
{
    public static void Configure(ISiloBuilder silo, StorageSettings storage, OrleansOptions orleans)
    {
        ClusterMembershipBasics.Configure(silo.Services, orleans);
        silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = orleans.CollectionAge);

        // A rolling upgrade runs old and new silos side by side: a grain interface's new version keeps every method of
        // the old (backward compatible, checked by the grain-interface contract test), and new activations go to the
        // newest version, so a call only a new silo understands never lands on an old one and the old empty out.
        silo.Configure<GrainVersioningOptions>(o =>
        {
            o.DefaultCompatibilityStrategy = nameof(Orleans.Versions.Compatibility.BackwardCompatible);
            o.DefaultVersionSelectorStrategy = nameof(Orleans.Versions.Selector.LatestVersion);
        });
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = orleans.ProbeTimeout;
            o.NumMissedProbesLimit = orleans.MissedProbesLimit;
        });
        if (orleans.GrainDirectoryKind == GrainDirectoryKind.Strong)
        {
            // Experimental in Orleans 10 (ORLEANSEXP003); chosen by an operator's setting, measured in docs/architecture.md.
#pragma warning disable ORLEANSEXP003
            silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        }

        // Orleans keeps its own clock (messaging, membership, timers, reminders) on the system clock: the product's
        // TimeProvider is the domain's clock, which a test may set by hand, and Orleans falls back to it otherwise.
        silo.Services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, (_, _) => TimeProvider.System);
        // ActorRisk's state is JSON in ActorRisk's shape in every store; Orleans' own state (stream pub-sub) keeps Orleans' serializer.
        silo.Services.AddKeyedSingleton<IGrainStorageSerializer, JsonGrainStateSerializer>(StorageNames.Default);
        silo.Services.AddKeyedSingleton<IGrainStorageSerializer, JsonGrainStateSerializer>(StorageNames.MerchantSummaries);
        silo.AddMemoryStreams(CardStreams.Provider);

        switch (storage.Mode)
        {
            case StorageMode.Memory:
                silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
                silo.AddMemoryStateStorage(asDefault: true, StorageNames.Default, StorageNames.PubSub);
                silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.MerchantSummaries, (sp, _) => sp.GetRequiredService<MemoryMerchantSummaries>());
                silo.UseInMemoryReminderService();
                break;

            case StorageMode.Postgres:
                // Silos with the same cluster id on the same database form one cluster, each advertising its own address.
                ConfigureEndpoints(silo, orleans);
                silo.UsePostgresClustering(o => o.ConnectionString = storage.GrainStoreConnectionString!);
                AddPostgres(silo, StorageNames.Default, storage.GrainStoreConnectionString!);
                AddPostgres(silo, StorageNames.PubSub, storage.GrainStoreConnectionString!);
                AddPostgres(silo, StorageNames.MerchantSummaries, storage.ReadModelsConnectionString!);
                silo.UsePostgresReminderService(o => o.ConnectionString = storage.GrainStoreConnectionString!);
                break;

            case StorageMode.Azure:
                ConfigureEndpoints(silo, orleans);
                silo.UseAzureStorageClustering(o => o.TableServiceClient = storage.Tables!);
                silo.AddAzureTableGrainStorageAsDefault(o => o.TableServiceClient = storage.Tables!);
                silo.AddAzureTableGrainStorage(StorageNames.PubSub, o => o.TableServiceClient = storage.Tables!);
                AddPostgres(silo, StorageNames.MerchantSummaries, storage.ReadModelsConnectionString!);
                silo.UseAzureTableReminderService(o => o.TableServiceClient = storage.Tables!);
                break;
        }
    }

    /// <summary>
    /// Durable modes: where the silo listens and what it registers in the membership table for the others to dial. The
    /// two differ behind a port-mapping proxy (Container Apps' TCP ingress gives each silo app the environment's address
    /// and ports of its own); by default they are the same, loopback.
    /// </summary>
    internal static void ConfigureEndpoints(ISiloBuilder silo, OrleansOptions orleans)
    {
        var listen = orleans.ListenIPAddress;
        silo.Configure<EndpointOptions>(o =>
        {
            o.AdvertisedIPAddress = orleans.AdvertisedIPAddress;
            o.SiloPort = orleans.AdvertisedSiloPortOrDefault;
            o.GatewayPort = orleans.AdvertisedGatewayPortOrDefault;
            o.SiloListeningEndpoint = new IPEndPoint(listen, orleans.SiloPort);
            o.GatewayListeningEndpoint = new IPEndPoint(listen, orleans.GatewayPort);
        });
    }

    private static void AddPostgres(ISiloBuilder silo, string name, string connectionString) =>
        silo.AddPostgresGrainStorage(name, o => o.ConnectionString = connectionString);
}
