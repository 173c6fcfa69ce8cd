using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace ActorRisk.Persistence.Tests.PostgreSql;

/// <summary>Registration in a silo: keyed and default storages, start-up failures that say what to fix, secrets never printed.</summary>
public sealed class HostingTests
{
    private const string Password = "s3cret-Pa55";

    [Fact]
    public async Task TheDefaultStorageIsTheUnkeyedIGrainStorageAndIsMigratedAtStart()
    {
        var connectionString = await TestDatabase.CreateAsync("hosting_default");
        await using var silo = await TestSiloHost.StartAsync(s => s.AddPostgresGrainStorageAsDefault(o =>
        {
            o.ConnectionString = connectionString;
            o.GrainStorageSerializer = TestJsonSerializer.Instance;
        }));

        Assert.IsType<PostgresGrainStorage>(silo.Services.GetRequiredService<IGrainStorage>());
        Assert.Same(silo.Services.GetRequiredService<IGrainStorage>(), silo.Storage("Default"));
        Assert.Equal(PostgresSchema.Migrations.Count, await TestDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM actorrisk_schema_migrations"));
    }

    [Fact]
    public async Task AnUnreachableDatabaseStopsTheSiloStartWithAMessageThatNamesTheOptionButNotThePassword()
    {
        var connectionString = $"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Password={Password};Database=nowhere;Timeout=5";
        using var host = TestSiloHost.Build(s => s.AddPostgresGrainStorage("cards", o =>
        {
            o.ConnectionString = connectionString;
            o.GrainStorageSerializer = TestJsonSerializer.Instance;
        }));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync().Within());

        var text = failure.ToString();
        Assert.Contains("PostgreSQL grain storage 'cards' could not migrate database 'nowhere'", text, StringComparison.Ordinal);
        Assert.Contains("PostgresGrainStorageOptions.ConnectionString", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
    }

    /// <summary>Orleans' own default (JsonGrainStorageSerializer) writes JSON; its binary serializer does not.</summary>
    [Fact]
    public async Task OrleansBinarySerializerIsRefusedAtSiloStartNamingTheOption()
    {
        var connectionString = await TestDatabase.CreateAsync("hosting_binary");
        using var host = TestSiloHost.Build(s =>
        {
            // The storage's default serializer: the one registered under its name, else the silo's.
            s.Services.AddKeyedSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>("cards");
            s.AddPostgresGrainStorage("cards", o => o.ConnectionString = connectionString);
        });

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync().Within());

        Assert.Contains("PostgresGrainStorageOptions.GrainStorageSerializer", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASerializerThatDoesNotWriteJsonFailsTheWriteNamingTheOption()
    {
        var connectionString = await TestDatabase.CreateAsync("hosting_notjson");
        await using var direct = new DirectStorage(connectionString, o => o.GrainStorageSerializer = new NotJsonSerializer());

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            direct.Storage.WriteStateAsync("account", Grains.NewId(), Grains.State(new AccountState())));

        Assert.Contains("PostgresGrainStorageOptions.GrainStorageSerializer", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingConnectionStringIsReportedAtStart()
    {
        using var host = TestSiloHost.Build(s => s.AddPostgresGrainStorage("cards", o => o.GrainStorageSerializer = TestJsonSerializer.Instance));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync().Within());

        Assert.Contains("PostgreSQL grain storage 'cards': ConnectionString is not set", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsAreLoggedWithoutTheConnectionString()
    {
        using var host = TestSiloHost.Build(s => s.AddPostgresGrainStorage("cards", o =>
        {
            o.ConnectionString = $"Host=127.0.0.1;Username=postgres;Password={Password}";
            o.GroupCommit = false;
        }));

        var formatted = host.Services.GetServices<IOptionFormatter>()
            .Where(f => f.Name.Contains("cards", StringComparison.Ordinal))
            .SelectMany(f => f.Format())
            .ToList();

        Assert.Contains(formatted, line => line.Contains("GroupCommit: False", StringComparison.Ordinal));
        Assert.Contains(formatted, line => line.StartsWith("ConnectionString", StringComparison.Ordinal));
        Assert.DoesNotContain(formatted, line => line.Contains(Password, StringComparison.Ordinal) || line.Contains("Host=", StringComparison.Ordinal));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class NotJsonSerializer : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => new(new byte[] { 0x00, 0x01, 0xff });

        public T? Deserialize<T>(BinaryData input) => default;
    }
}
