using ActorRisk.ReadModels.Audit;

namespace ActorRisk.Silo.Tests;

/// <summary>Health and the OpenAPI document answer without an API key; everything else needs one.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task HealthAndOpenApiAnswerWithoutAKey()
    {
        await using var silo = new SiloFactory();
        using var anonymous = silo.Client(apiKey: null);

        var live = await anonymous.GetReplyAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal("Healthy", live.Body);
        var ready = await anonymous.GetReplyAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("Healthy", ready.Body);

        var openApi = await anonymous.GetReplyAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, openApi.Status);
        var paths = openApi.Json().GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/authorizations", out _), openApi.Body[..Math.Min(2000, openApi.Body.Length)]);
        Assert.True(paths.TryGetProperty("/v1/authorizations/{authorizationId}/outcome", out _));
        Assert.True(paths.TryGetProperty("/v1/cards/{cardToken}", out _));

        // The API itself is not anonymous.
        SiloApi.AssertProblem(await anonymous.GetReplyAsync($"/v1/cards/{Auth.NewToken()}"), HttpStatusCode.Unauthorized);
        Assert.IsType<MemoryAuditLog>(silo.Service<IAuditLog>());
    }

    [Fact]
    public async Task WithAnOtlpEndpointTheSiloExportsOrleansAndActorRiskMetrics()
    {
        await using var silo = new SiloFactory(new SiloSetup
        {
            Extra = new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317" },
        });
        using var gateway = silo.Client(TestKeys.Gateway);

        Assert.Equal("approve", (await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), Auth.NewToken(), 2_000))).Decision);
        var meters = silo.Service<OpenTelemetry.Metrics.MeterProvider>();
        Assert.NotNull(meters);
    }

    [Fact]
    public async Task WithoutAnOtlpEndpointNothingIsCollected()
    {
        await using var silo = new SiloFactory();
        using var gateway = silo.Client(TestKeys.Gateway);
        Assert.Equal("approve", (await gateway.AuthorizeAsync(Auth.Request(Auth.NewId(), Auth.NewToken(), 2_000))).Decision);
        Assert.Null(silo.Services.GetService(typeof(OpenTelemetry.Metrics.MeterProvider)));
    }

    [Fact]
    public async Task ReadyChecksPostgreSqlInDurableMode()
    {
        await using var silo = new SiloFactory(new SiloSetup { ConnectionString = await SiloSetup.NewDatabaseAsync("health") });
        using var anonymous = silo.Client(apiKey: null);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetReplyAsync("/health/live")).Status);
        var ready = await anonymous.GetReplyAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("Healthy", ready.Body);

        // The configuration reached the silo while it was built: PostgreSQL storage, not the memory default.
        Assert.IsType<PostgresAuditLog>(silo.Service<IAuditLog>());
    }
}
