using ActorRisk.Runtime.Hosting;
using ActorRisk.Runtime.Persistence;
using ActorRisk.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ActorRisk.Runtime.PostgreSql;

public static class PostgresGrainRuntimeBuilderExtensions
{
    /// <summary>Uses PostgreSQL for grain state under <paramref name="name"/> (schema created/migrated on first use).</summary>
    public static GrainRuntimeBuilder AddPostgresGrainStorage(
        this GrainRuntimeBuilder builder,
        string connectionString,
        string name = PersistentStateAttribute.DefaultStorage,
        Action<PostgresStorageOptions>? configure = null)
    {
        AddDatabase(builder.Services, connectionString);
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) =>
        {
            var options = new PostgresStorageOptions();
            configure?.Invoke(options);
            return new PostgresGrainStorage(
                sp.GetRequiredService<PostgresDatabase>(),
                options,
                sp.GetService<IWriteFence>() ?? NoWriteFence.Instance,
                sp.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value.PartitionCount);
        });
        return builder;
    }

    /// <summary>Keeps reminders in PostgreSQL, so they survive silo restarts.</summary>
    public static GrainRuntimeBuilder UsePostgresReminders(this GrainRuntimeBuilder builder, string connectionString)
    {
        AddDatabase(builder.Services, connectionString);
        builder.Services.Replace(ServiceDescriptor.Singleton<IReminderTable>(sp => new PostgresReminderTable(
            sp.GetRequiredService<PostgresDatabase>(),
            sp.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value.PartitionCount)));
        return builder;
    }

    private static void AddDatabase(IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(_ => PostgresDatabase.Create(connectionString));
    }
}
