using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ActorRisk.Portal.Tests.Support;

/// <summary>
/// Builds the silo's container with <paramref name="clock"/> as its only TimeProvider. SiloApplication.Build registers
/// TimeProvider.System after its customize callback, so a registration made in the callback would lose; the container
/// factory runs when the application is built, after every registration.
/// </summary>
public sealed class ClockServiceProviderFactory(TimeProvider clock) : IServiceProviderFactory<IServiceCollection>
{
    private readonly DefaultServiceProviderFactory inner = new();

    public IServiceCollection CreateBuilder(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton(clock);
        return services;
    }

    public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder) => inner.CreateServiceProvider(containerBuilder);
}
