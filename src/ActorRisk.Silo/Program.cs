using ActorRisk.Silo.Hosting;
using ActorRisk.Silo.Maintenance;

// `backup` and `restore` run instead of the silo, before anything of the web host is built: they need only the tables.
if (MaintenanceCommand.Handles(args))
{
    return await MaintenanceCommand.RunOnConsoleAsync(args);
}

var app = SiloApplication.Build(args);
await app.RunAsync();
return 0;

/// <summary>The silo's entry point (public for WebApplicationFactory-based tests).</summary>
public partial class Program;
