using Azure.Data.Tables;
using ActorRisk.Silo.Hosting;

namespace ActorRisk.Silo.Maintenance;

/// <summary>
/// The commands' configuration, from the host's sources in the host's order (appsettings.json,
/// appsettings.{Environment}.json, environment variables, the command line with the same short forms), without
/// building the host: a backup needs none of the read models, Orleans or Kestrel.
/// </summary>
internal static class MaintenanceConfiguration
{
    public static IConfiguration Build(IReadOnlyList<string> commandLine)
    {
        var arguments = commandLine.ToArray();
        var switches = new Dictionary<string, string>(MaintenanceSettings.SwitchMappings, StringComparer.Ordinal);
        var fromCommandLine = new ConfigurationBuilder().AddCommandLine(arguments, switches).Build();

        // As WebApplication.CreateBuilder: --environment, then ASPNETCORE_ENVIRONMENT, then DOTNET_ENVIRONMENT.
        var environment = fromCommandLine[HostDefaults.EnvironmentKey]
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environments.Production;

        // The content root is the working directory, as the host's (the image's WORKDIR, /app).
        return new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{environment}.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddCommandLine(arguments, switches)
            .Build();
    }

    /// <summary>The Table service the silo uses in azure mode, from the same keys; a usage error when there is none.</summary>
    public static TableServiceClient Tables(IConfiguration configuration)
    {
        var storage = configuration.GetSection(SiloOptions.Section).Get<SiloOptions>()?.Storage;
        if (storage is not null && !string.Equals(storage, "azure", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException(
                $"these commands copy Azure Table storage, and ActorRisk:Storage is {storage}. PostgreSQL is backed up with its own tools (docs/operations.md).");
        }

        try
        {
            return StorageSettings.TablesFrom(configuration) ?? throw new UsageException(
                "no Table storage: set ConnectionStrings:ActorRisk (environment ConnectionStrings__ActorRisk, or --connection-string; " +
                "UseDevelopmentStorage=true for Azurite) or ActorRisk:Azure:TableServiceUri (environment ActorRisk__Azure__TableServiceUri) with DefaultAzureCredential.");
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new UsageException(
                $"the Table storage setting is not usable ({SecretText.Redact(exception.Message)}): ConnectionStrings:ActorRisk takes an Azure Storage connection string, ActorRisk:Azure:TableServiceUri an https URI.",
                exception);
        }
    }

    /// <summary>The blob connection string, when the location is reached with an account key rather than an identity.</summary>
    public static string? BlobConnectionString(IConfiguration configuration) =>
        configuration[MaintenanceSettings.BackupBlobConnectionString.Key] is { Length: > 0 } value ? value : null;
}
