using ActorRisk.Api;
using ActorRisk.Api.Alerts;
using ActorRisk.Api.Security;
using ActorRisk.Grains.Idempotency;
using ActorRisk.Grains.Settings;
using ActorRisk.Silo.Maintenance;

namespace ActorRisk.Silo.Hosting;

/// <summary>An options class the host binds, and the configuration section it binds it from.</summary>
public sealed record BoundOptions(string Section, Type Type);

/// <summary>
/// A key the host reads by itself rather than through an options class, with what docs/configuration.md says of it:
/// its type, its default (null: none) and its meaning (Markdown).
/// </summary>
public sealed record ConfigurationKey(string Key, string Type, string? Default, string Meaning)
{
    /// <summary>The environment variable that sets it: the key with <c>__</c> for <c>:</c> unless the host names it otherwise.</summary>
    public string EnvironmentVariable { get; init; } = Key.Replace(":", "__", StringComparison.Ordinal);
}

/// <summary>
/// Everything the host reads from configuration: the options classes it binds, each from its section, and the keys it
/// reads one by one. docs/configuration.md prints it, the meanings taken from the options' doc comments, and
/// ConfigurationReferenceTests fail when the page, or a configuration read anywhere in src/, is not in it.
/// </summary>
public static class ConfigurationReference
{
    public static IReadOnlyList<BoundOptions> Options { get; } =
    [
        new(SiloOptions.Section, typeof(SiloOptions)),
        new(ApiOptions.Section, typeof(ApiOptions)),
        new(OrleansOptions.Section, typeof(OrleansOptions)),
        new(IdempotencyOptions.Section, typeof(IdempotencyOptions)),
        new(ClusterSettingsOptions.Section, typeof(ClusterSettingsOptions)),
        new(AlertOptions.Section, typeof(AlertOptions)),
        new(PortalKeyOptions.Section, typeof(PortalKeyOptions)),
        new(PortalUserOptions.ConfiguredSection, typeof(List<PortalUserOptions>)),
        new(PortalUserOptions.DemoSection, typeof(List<PortalUserOptions>)),
    ];

    public static IReadOnlyList<ConfigurationKey> Keys { get; } =
    [
        SiloApplication.Urls,
        StorageSettings.GrainStore,
        StorageSettings.ReadModels,
        StorageSettings.TableServiceUri,
        MaintenanceSettings.BackupDestination,
        MaintenanceSettings.BackupBlobConnectionString,
        MaintenanceSettings.RestoreFrom,
        MaintenanceSettings.RestoreOverwrite,
        new(Telemetry.EndpointKey, "URI", null,
            "Exports metrics and traces over OTLP to this endpoint; the exporter reads the other standard `OTEL_*` variables " +
            "(headers, protocol, service name). Unset, nothing is collected ([Telemetry](operations.md#telemetry))."),
        new(Telemetry.ApplicationInsightsKey, "string", null,
            "Sends metrics, traces and logs to Application Insights (Azure Monitor's OpenTelemetry exporter), beside OTLP or alone; " +
            "the Azure deployment sets it ([deployment](deployment.md))."),
    ];
}
