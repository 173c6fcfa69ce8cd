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
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new CardRiskEngine(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new CardPolicyStore(policies ?? CardPolicyBook.Standard, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ICardPolicySource>(sp => sp.GetRequiredService<CardPolicyStore>());
        services.TryAddSingleton<MerchantAuthorizationCounter>();
        services.TryAddSingleton<CardSightings>();
        services.TryAddSingleton<RequestRoutes>();
        services.TryAddSingleton<DecisionFeed>();
        services.TryAddSingleton(new MerchantSettings());
        services.TryAddSingleton(_ => new MerchantMonthEvaluator(ProgramRulebook.Standard()));
        services.AddOptions<IdempotencyOptions>();
        ForwarderStartup.Register(services);
        return services;
    }
}
