using ActorRisk.Silo.Hosting;

var app = SiloApplication.Build(args);
await app.RunAsync();

/// <summary>The silo's entry point (public for WebApplicationFactory-based tests).</summary>
public partial class Program;
