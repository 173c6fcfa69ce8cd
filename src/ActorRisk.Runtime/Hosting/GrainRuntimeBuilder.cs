using ActorRisk.Runtime.Core;
using ActorRisk.Runtime.Persistence;
using ActorRisk.Runtime.Reminders;
using ActorRisk.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ActorRisk.Runtime.Hosting;

/// <summary>Configures the grain runtime of a silo (the counterpart of Orleans' ISiloBuilder).</summary>
public sealed class GrainRuntimeBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    /// <summary>
    /// Registers a grain: <paramref name="typeName"/> names it in grain ids and storage rows (never rename it);
    /// <paramref name="reference"/> builds the typed reference for its interface.
    /// </summary>
    public GrainRuntimeBuilder AddGrain<TInterface, TGrain>(string typeName, Func<IGrainCallInvoker, GrainId, TInterface> reference, TimeSpan? collectionAge = null)
        where TInterface : class, IGrainWithStringKey
        where TGrain : Grain, TInterface
    {
        Services.AddSingleton(new GrainRegistration(typeName, typeof(TInterface), typeof(TGrain), (invoker, id) => reference(invoker, id), collectionAge));
        return this;
    }

    /// <summary>State in process memory (the embedded default, Orleans' AddMemoryGrainStorage).</summary>
    public GrainRuntimeBuilder AddMemoryGrainStorage(string name = PersistentStateAttribute.DefaultStorage)
    {
        Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new MemoryGrainStorage(sp.GetService<TimeProvider>()));
        return this;
    }

    /// <summary>Reminders in process memory (the embedded default; they do not survive a restart).</summary>
    public GrainRuntimeBuilder UseMemoryReminders()
    {
        Services.Replace(ServiceDescriptor.Singleton<IReminderTable, MemoryReminderTable>());
        return this;
    }

    public GrainRuntimeBuilder Configure(Action<GrainRuntimeOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }
}

public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>Adds the grain runtime: factory, activations, timers, reminders (memory unless replaced) and in-process streams.</summary>
    public static GrainRuntimeBuilder AddGrainRuntime(this IServiceCollection services, Action<GrainRuntimeOptions>? configure = null)
    {
        services.AddOptions<GrainRuntimeOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new GrainStateSerializer());
        services.TryAddSingleton(sp => new GrainTypeRegistry(sp.GetServices<GrainRegistration>()));
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.TryAddSingleton<IGrainCallInvoker>(sp => sp.GetRequiredService<GrainRuntime>());
        services.TryAddSingleton<IReminderTable, MemoryReminderTable>();
        services.TryAddSingleton<IStreamProvider, InProcessStreamProvider>();
        services.TryAddSingleton<IRequestLedger, RequestLedger>();
        services.TryAddSingleton<IGrainCatalog, GrainCatalog>();
        services.AddHostedService<GrainRuntimeHostedService>();
        return new GrainRuntimeBuilder(services);
    }
}
