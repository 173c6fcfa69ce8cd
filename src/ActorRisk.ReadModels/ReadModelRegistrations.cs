using ActorRisk.ReadModels.Alerts;
using ActorRisk.ReadModels.Audit;
using ActorRisk.ReadModels.Cards;
using ActorRisk.ReadModels.Merchants;
using ActorRisk.ReadModels.Requests;

namespace ActorRisk.ReadModels;

public static class ReadModelRegistrations
{
    /// <summary>
    /// Registers the read models: the audit log, the alert outbox, the merchant and card directories and the request
    /// routes. With a connection string they live in that PostgreSQL database, migrated by a hosted service before
    /// the silo starts (so register them before Orleans: hosted services start in order). Without one (memory mode)
    /// they live in process memory, and <see cref="MemoryMerchantSummaries"/> is the merchant summaries' grain storage.
    /// </summary>
    public static IServiceCollection AddActorRiskReadModels(this IServiceCollection services, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (connectionString is null)
        {
            services.AddSingleton<IAuditLog, MemoryAuditLog>();
            services.AddSingleton<MemoryMerchantSummaries>();
            services.AddSingleton<IMerchantDirectory, MemoryMerchantDirectory>();
            services.AddSingleton<ICardDirectory, MemoryCardDirectory>();
            services.AddSingleton<IRequestRouteStore, MemoryRequestRouteStore>();
            services.AddSingleton<IAlertOutbox, MemoryAlertOutbox>();
        }
        else
        {
            services.AddSingleton(_ => ReadModelDatabase.Create(connectionString));
            services.AddHostedService<ReadModelMigration>();
            services.AddSingleton<IAuditLog>(sp => new PostgresAuditLog(sp.GetRequiredService<ReadModelDatabase>().DataSource));
            services.AddSingleton<IAlertOutbox>(sp => new PostgresAlertOutbox(sp.GetRequiredService<ReadModelDatabase>().DataSource));
            services.AddSingleton<ICardDirectory, PostgresCardDirectory>();
            services.AddSingleton<IRequestRouteStore, PostgresRequestRouteStore>();
            services.AddSingleton<IMerchantDirectory, PostgresMerchantDirectory>();
        }

        // The grains' forwarder writes card sightings into the same directory the API and the portal search.
        services.AddSingleton<ICardDirectoryWriter>(sp => sp.GetRequiredService<ICardDirectory>());
        return services;
    }
}
