using ActorRisk.Grains.Idempotency;
using ActorRisk.ReadModels.Alerts;
using ActorRisk.ReadModels.Audit;
using ActorRisk.ReadModels.Cards;
using ActorRisk.ReadModels.Merchants;

namespace ActorRisk.ReadModels.Tests;

/// <summary>The read models as a host registers them: in memory without a connection string, in PostgreSQL with one.</summary>
public sealed class ReadModelRegistrationsTests
{
    [Fact]
    public async Task WithoutAConnectionStringEveryReadModelLivesInMemory()
    {
        await using var services = Services(connectionString: null);

        Assert.IsType<MemoryAuditLog>(services.GetRequiredService<IAuditLog>());
        Assert.NotNull(services.GetRequiredService<MemoryMerchantSummaries>());
        Assert.Null(services.GetService<ReadModelDatabase>());
        Assert.Empty(services.GetServices<IHostedService>());
        await AssertReadModelsWorkAsync(services);
    }

    [Fact]
    public async Task WithAConnectionStringTheDatabaseIsMigratedAtStartAndHoldsTheReadModels()
    {
        var connectionString = await TestDatabase.CreateAsync("readmodels_services");
        await using var services = Services(connectionString);
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        Assert.IsType<PostgresAuditLog>(services.GetRequiredService<IAuditLog>());
        Assert.Null(services.GetService<MemoryMerchantSummaries>());
        await AssertReadModelsWorkAsync(services);
        Assert.Equal(1L, await TestDatabase.CountAsync(connectionString, "audit_log"));
        Assert.Equal(1L, await TestDatabase.CountAsync(connectionString, "card_directory"));
        Assert.Equal(1L, await TestDatabase.CountAsync(connectionString, "request_route"));
    }

    internal static ServiceProvider Services(string? connectionString, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<IdempotencyOptions>();
        services.AddActorRiskReadModels(connectionString);
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    // One write and one read of each read model, through the interfaces the API, the portal and the grains use.
    private static async Task AssertReadModelsWorkAsync(IServiceProvider services)
    {
        var now = DateTimeOffset.UtcNow;
        var audit = services.GetRequiredService<IAuditLog>();
        await audit.AppendAsync(new AuditEntry(Guid.NewGuid(), now, "ops-alice", "card.block", "tok_audit", "Card testing."));
        Assert.Equal("ops-alice", Assert.Single(await audit.QueryAsync(new AuditQuery(Target: "tok_audit"))).Actor);

        var directory = services.GetRequiredService<ICardDirectory>();
        Assert.Same(directory, services.GetRequiredService<ICardDirectoryWriter>());
        await directory.AddSightingsAsync([new CardSighting("tok_seen", "4242", "m-1", now)], CancellationToken.None);
        Assert.Equal(["tok_seen"], (await directory.FindAsync(new CardQuery("4242", "m-1", 10), CancellationToken.None)).CardTokens);

        var routes = services.GetRequiredService<IRequestRouteStore>();
        await routes.AddAsync([new RequestRoute("authorization", "a-1", "tok_seen", now)], CancellationToken.None);
        Assert.Equal("tok_seen", await routes.FindOwnerAsync("authorization", "a-1", CancellationToken.None));

        var outbox = services.GetRequiredService<IAlertOutbox>();
        Assert.Empty(await outbox.ListAsync(new AlertQuery(), CancellationToken.None));
        Assert.Equal(0, (await services.GetRequiredService<IMerchantDirectory>().ListAsync(new MerchantQuery(null, null, 1, 10), CancellationToken.None)).Total);
    }
}
