using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;

namespace ActorRisk.Persistence.PostgreSql;

public static class PostgresReminderSiloBuilderExtensions
{
    /// <summary>Keeps reminders in PostgreSQL (table orleans_reminders), as Orleans' UseAdoNetReminderService does for its table.</summary>
    public static ISiloBuilder UsePostgresReminderService(this ISiloBuilder builder, Action<PostgresReminderTableOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.UsePostgresReminderService(ob => ob.Configure(configureOptions));
        return builder;
    }

    /// <summary>Keeps reminders in PostgreSQL, its options bound by the caller.</summary>
    public static IServiceCollection UsePostgresReminderService(this IServiceCollection services, Action<OptionsBuilder<PostgresReminderTableOptions>> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        services.AddReminders();
        services.AddSingleton<IReminderTable, PostgresReminderTable>();
        services.TryAddSingleton<PostgresDatabases>();
        services.ConfigureFormatter<PostgresReminderTableOptions>();
        services.AddSingleton<IConfigurationValidator, PostgresReminderTableOptionsValidator>();
        configureOptions(services.AddOptions<PostgresReminderTableOptions>());
        return services;
    }
}
