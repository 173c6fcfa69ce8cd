using ActorRisk.Grains.Diagnostics;
using ActorRisk.Grains.Forwarding;
using ActorRisk.Grains.Idempotency;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ActorRisk.Grains;

public static class GrainRegistrations
{
    /// <summary>
    /// Registers the services ActorRisk's grains use on every silo (the domain's engines, the policy store, the
    /// in-memory hand-overs) and starts the silo's forwarder. Orleans finds the grain classes by itself.
    /// </summary>
    public static IServiceCollection AddActorRiskGrains(this IServiceCollection services, CardPolicyBook? policies = null)
    {
        services.AddActorRiskGrainCallers(policies);
        services.TryAddSingleton(sp => new CardRiskEngine(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ICardPolicySource>(sp => sp.GetRequiredService<CardPolicyStore>());
        services.TryAddSingleton<MerchantAuthorizationCounter>();
        services.TryAddSingleton<CardSightings>();
        services.TryAddSingleton<DecisionFeed>();
        services.AddMetrics();
        services.TryAddSingleton<GrainMetrics>();
        services.TryAddSingleton(new MerchantSettings());
        services.TryAddSingleton(_ => new MerchantMonthEvaluator(ProgramRulebook.Standard()));
        ForwarderStartup.Register(services);
        return services;
    }

    /// <summary>
    /// What a process that calls grains without hosting them (an API tier) keeps beside them: the policy book it shows
    /// (kept current by <see cref="Settings.ClusterSettingsSync"/>), its own not-yet-stored request routes (none: it
    /// answers nothing itself) and the idempotency settings the API reads.
    /// </summary>
    public static IServiceCollection AddActorRiskGrainCallers(this IServiceCollection services, CardPolicyBook? policies = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new CardPolicyStore(policies ?? CardPolicyBook.Standard, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<RequestRoutes>();
        services.AddOptions<IdempotencyOptions>();
        return services;
    }
}
