using ActorRisk.Abstractions.Serialization;
using ActorRisk.Grains;
using ActorRisk.Grains.Access;
using ActorRisk.Grains.Idempotency;
using ActorRisk.Grains.Merchants;
using Orleans.Serialization;
using Orleans.Storage;

namespace ActorRisk.Grains.Tests.Support;

/// <summary>
/// A silo as SiloComposition configures one in memory mode (serialization, keyed JSON state serializers, memory storage,
/// memory streams "live", in-memory reminders, Orleans on the system clock), with the grains' host ports replaced by
/// recording doubles and the default storage able to fail a write on demand.
/// </summary>
public static class TestSilo
{
    public static void Configure(ISiloBuilder silo, ManualClock clock, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var services = silo.Services;
        services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, (_, _) => TimeProvider.System);
        services.AddSingleton<TimeProvider>(clock);
        services.AddSerializer(serializer => serializer.AddActorRiskSerialization());
        services.AddKeyedSingleton<IGrainStorageSerializer, JsonGrainStateSerializer>(StorageNames.Default);
        services.AddKeyedSingleton<IGrainStorageSerializer, JsonGrainStateSerializer>(StorageNames.MerchantSummaries);
        silo.AddMemoryStreams(CardStreams.Provider);
        silo.AddMemoryGrainStorageAsDefault();
        silo.AddMemoryGrainStorage(StorageNames.MerchantSummaries);
        silo.AddMemoryGrainStorage(StorageNames.PubSub);
        silo.UseInMemoryReminderService();

        // Registered last, so it is the "Default" provider: Orleans' own memory storage, wrapped.
        services.AddSingleton<StorageFaults>();
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, (sp, _) =>
            new FaultyGrainStorage(MemoryGrainStorageFactory.Create(sp, StorageNames.Default), sp.GetRequiredService<StorageFaults>()));

        services.Configure<IdempotencyOptions>(o => o.Retention = retention);
        services.AddSingleton<RecordingCardDirectory>();
        services.AddSingleton<ICardDirectoryWriter>(sp => sp.GetRequiredService<RecordingCardDirectory>());
        services.AddSingleton<RecordingRouteStore>();
        services.AddSingleton<IRequestRouteStore>(sp => sp.GetRequiredService<RecordingRouteStore>());
        services.AddSingleton<RecordingAlertSink>();
        services.AddSingleton<IMerchantAlertSink>(sp => sp.GetRequiredService<RecordingAlertSink>());
        services.AddSingleton<OpenAccessDirectory>();
        services.AddSingleton<IAccessDirectory>(sp => sp.GetRequiredService<OpenAccessDirectory>());
        services.AddActorRiskGrains();
    }

    /// <summary>The client reads domain values too, and subscribes to the live streams.</summary>
    public static void ConfigureClient(IClientBuilder client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.Services.AddSerializer(serializer => serializer.AddActorRiskSerialization());
        client.AddMemoryStreams(CardStreams.Provider);
    }
}
