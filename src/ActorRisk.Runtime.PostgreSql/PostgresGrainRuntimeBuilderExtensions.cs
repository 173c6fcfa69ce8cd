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
        var database = AddDatabase(builder.Services, connectionString);
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) =>
        {
            var options = new PostgresStorageOptions();
            configure?.Invoke(options);
            return new PostgresGrainStorage(
                database(sp),
                options,
                sp.GetService<IWriteFence>() ?? NoWriteFence.Instance,
                sp.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value.PartitionCount,
                sp.GetService<TimeProvider>());
        });
        return builder;
    }

    /// <summary>Keeps reminders in PostgreSQL, so they survive silo restarts.</summary>
    public static GrainRuntimeBuilder UsePostgresReminders(this GrainRuntimeBuilder builder, string connectionString)
    {
        var database = AddDatabase(builder.Services, connectionString);
        builder.Services.Replace(ServiceDescriptor.Singleton<IReminderTable>(sp => new PostgresReminderTable(
            database(sp),
            sp.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value.PartitionCount)));
        return builder;
    }

    /// <summary>One database (pool and migration) per connection string; storages and reminders on the same string share it.</summary>
    private static Func<IServiceProvider, PostgresDatabase> AddDatabase(IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddKeyedSingleton(connectionString, (_, _) => PostgresDatabase.Create(connectionString));
        return sp => sp.GetRequiredKeyedService<PostgresDatabase>(connectionString);
    }
}
