using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ActorRisk.Portal.Tests.Support;

/// <summary>
/// Builds the silo's container with <paramref name="clock"/> as its domain TimeProvider. SiloApplication.Build registers
/// TimeProvider.System after its customize callback, so a registration made in the callback would lose; the container
/// factory runs when the application is built, after every registration. Only the unkeyed TimeProvider is replaced:
/// Orleans resolves keyed ones (SiloComposition keeps them on the system clock), so membership and messaging never see
/// a clock in 2024. With <paramref name="reminders"/>, Orleans' reminder service runs on that clock instead, so a
/// reminder comes due when the test moves the clock past it (the month close).
/// </summary>
public sealed class ClockServiceProviderFactory(TimeProvider clock, TimeProvider? reminders = null) : IServiceProviderFactory<IServiceCollection>
{
    private readonly DefaultServiceProviderFactory inner = new();

    public IServiceCollection CreateBuilder(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton(clock);
        if (reminders is not null)
        {
            services.AddKeyedSingleton(Orleans.Reminders.ReminderTimeProviderNames.Reminders, reminders);
        }

        return services;
    }

    public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder) => inner.CreateServiceProvider(containerBuilder);
}
