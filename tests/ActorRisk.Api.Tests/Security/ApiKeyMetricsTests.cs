using System.Diagnostics.Metrics;
using ActorRisk.Api.Diagnostics;
using ActorRisk.Api.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ActorRisk.Api.Tests.Security;

/// <summary>
/// Refused API keys are counted by reason through the real scheme handler, once per request: a key no one was given,
/// no key where one is needed, a key without the role. A brute-force alert watches the first.
/// </summary>
public sealed class ApiKeyMetricsTests : IDisposable
{
    private const string GoodKey = "ar_test_good-key";

    private readonly ServiceProvider services = new ServiceCollection()
        .AddLogging()
        .AddProblemDetails()
        .AddMetrics()
        .AddSingleton<ApiMetrics>()
        .AddSingleton(new ApiKeyStore([new ApiKeyOptions { Name = "gateway-1", Sha256 = ApiKeyStore.Hash(GoodKey), Roles = ["gateway"] }]))
        .AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
        .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
        .Services
        .BuildServiceProvider();

    private readonly MetricCollector<long> rejected;

    public ApiKeyMetricsTests() =>
        rejected = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), ApiMetrics.MeterName, ApiMetrics.ApiKeyRejectedName);

    [Fact]
    public async Task AnUnknownKeyIsCountedOnceThoughItIsAlsoChallenged()
    {
        var context = Request("ar_test_guessed-key");

        var result = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
        await context.ChallengeAsync(ApiKeyAuthenticationHandler.SchemeName);

        Assert.False(result.Succeeded);
        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        Assert.Equal([MetricNames.UnknownKey], Reasons());
    }

    [Fact]
    public async Task NoKeyIsCountedWhenTheRequestIsChallenged()
    {
        var context = Request(key: null);

        var result = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
        Assert.Empty(Reasons());
        await context.ChallengeAsync(ApiKeyAuthenticationHandler.SchemeName);

        Assert.True(result.None);
        Assert.Equal([MetricNames.MissingKey], Reasons());
    }

    [Fact]
    public async Task AKeyWithoutTheRoleIsCountedWhenForbidden()
    {
        var context = Request(GoodKey);

        var result = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
        Assert.Empty(Reasons());
        await context.ForbidAsync(ApiKeyAuthenticationHandler.SchemeName);

        Assert.True(result.Succeeded);
        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        Assert.Equal([MetricNames.MissingRole], Reasons());
    }

    public void Dispose()
    {
        rejected.Dispose();
        services.Dispose();
    }

    private List<string> Reasons() => [.. rejected.GetMeasurementSnapshot().Select(m => (string)m.Tags[ApiMetrics.ReasonTag]!)];

    private DefaultHttpContext Request(string? key)
    {
        var context = new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
        if (key is not null)
        {
            context.Request.Headers[ApiKeyAuthenticationHandler.Header] = key;
        }

        return context;
    }
}
