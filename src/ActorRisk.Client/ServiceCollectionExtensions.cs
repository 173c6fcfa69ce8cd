using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ActorRisk.Client;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ActorRiskClient"/> as a typed HttpClient (pooled connections via IHttpClientFactory).</summary>
    public static IHttpClientBuilder AddActorRiskClient(this IServiceCollection services, Action<ActorRiskClientOptions> configure)
    {
        services.Configure(configure);
        return services.AddHttpClient<ActorRiskClient>((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<ActorRiskClientOptions>>().Value.BaseAddress)
            .AddTypedClient((http, sp) => new ActorRiskClient(http, sp.GetRequiredService<IOptions<ActorRiskClientOptions>>().Value));
    }
}
