using ActorRisk.Grains.Cards;
using ActorRisk.Grains.Merchants;
using ActorRisk.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ActorRisk.Grains;

public static class GrainRegistrations
{
    /// <summary>Registers ActorRisk's grains and the domain services they use.</summary>
    public static GrainRuntimeBuilder AddActorRiskGrains(this GrainRuntimeBuilder builder, CardPolicyBook? policies = null)
    {
        builder.Services.TryAddSingleton(sp => new CardRiskEngine(sp.GetRequiredService<TimeProvider>()));
        builder.Services.TryAddSingleton(sp => new CardPolicyStore(policies ?? CardPolicyBook.Standard, sp.GetRequiredService<TimeProvider>()));
        builder.Services.TryAddSingleton<MerchantAuthorizationCounter>();
        builder.Services.TryAddSingleton<CardSightings>();
        builder.Services.TryAddSingleton<ICardPolicySource>(sp => sp.GetRequiredService<CardPolicyStore>());
        builder.Services.TryAddSingleton(new MerchantSettings());
        builder.Services.TryAddSingleton(sp => new MerchantMonthEvaluator(ProgramRulebook.Standard()));
        builder.AddGrain<ICardGrain, CardGrain>("card", (invoker, id) => new CardGrainReference(invoker, id));
        builder.AddGrain<IMerchantGrain, MerchantGrain>("merchant", (invoker, id) => new MerchantGrainReference(invoker, id));
        builder.AddGrain<IPolicyGrain, PolicyGrain>("policy", (invoker, id) => new PolicyGrainReference(invoker, id));
        return builder;
    }
}
