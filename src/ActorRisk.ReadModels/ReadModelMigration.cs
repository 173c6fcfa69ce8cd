namespace ActorRisk.ReadModels;

/// <summary>Migrates the read-model database (with the grain storage's scripts) before the silo starts.</summary>
internal sealed class ReadModelMigration(ReadModelDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.EnsureMigratedAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
