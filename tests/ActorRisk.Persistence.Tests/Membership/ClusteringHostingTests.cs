using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace ActorRisk.Persistence.Tests.Membership;

/// <summary>Registration of PostgreSQL clustering in silos and clients: start-up failures that say what to fix, secrets never printed.</summary>
public sealed class ClusteringHostingTests
{
    private const string Password = "s3cret-Pa55";

    [Fact]
    public async Task ASiloWithoutAConnectionStringStopsAtStartNamingTheOption()
    {
        using var host = SiloHost(o => o.ConnectionString = "");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync().Within());

        Assert.Contains("PostgresClusteringOptions.ConnectionString is not set", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClientWithoutAConnectionStringStopsAtStartNamingTheOption()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UsePostgresClustering(o => o.ConnectionString = " "));

        var failure = await Record.ExceptionAsync(async () =>
        {
            using var host = builder.Build();
            await host.StartAsync().Within();
        });

        Assert.NotNull(failure);
        Assert.Contains("PostgresClusteringOptions.ConnectionString is not set", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableDatabaseStopsTheSiloStartNamingTheDatabaseAndTheOptionButNotThePassword()
    {
        var connectionString = $"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Password={Password};Database=nowhere;Timeout=5";
        using var host = SiloHost(o => o.ConnectionString = connectionString);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync().Within());

        var text = failure.ToString();
        Assert.Contains("PostgreSQL membership table could not migrate database 'nowhere'", text, StringComparison.Ordinal);
        Assert.Contains("PostgresClusteringOptions.ConnectionString", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSilosMembershipTableIsPostgresAndItsOptionsAreLoggedWithoutTheConnectionString()
    {
        var connectionString = await TestDatabase.CreateAsync("clustering_hosting");
        using var host = SiloHost(o => o.ConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { Password = Password }.ConnectionString);

        Assert.IsType<PostgresMembershipTable>(host.Services.GetRequiredService<IMembershipTable>());
        var formatted = host.Services.GetServices<IOptionFormatter>()
            .Where(f => f.Name.Contains(nameof(PostgresClusteringOptions), StringComparison.Ordinal))
            .SelectMany(f => f.Format())
            .ToList();
        Assert.Contains(formatted, line => line.StartsWith("ConnectionString", StringComparison.Ordinal));
        Assert.DoesNotContain(formatted, line => line.Contains(Password, StringComparison.Ordinal) || line.Contains("Host=", StringComparison.Ordinal));
    }

    private static IHost SiloHost(Action<PostgresClusteringOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => o.ClusterId = $"cluster-{Guid.NewGuid():N}");
            silo.ConfigureEndpoints(IPAddress.Loopback, TestSiloHost.FreePort(), TestSiloHost.FreePort(), listenOnAnyHostAddress: false);
            silo.UsePostgresClustering(configure);
        });
        return builder.Build();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
