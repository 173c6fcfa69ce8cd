using System.Diagnostics.Metrics;
using ActorRisk.Api.Diagnostics;
using ActorRisk.Api.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorRisk.Api.Tests.Endpoints;

/// <summary>
/// An exception no endpoint handled: cluster or storage trouble is a 503 problem to retry, on any endpoint; anything
/// else is left to the default handler (a 500, which says it is ActorRisk's bug).
/// </summary>
public sealed class TransientFailureHandlerTests
{
    public static TheoryData<Exception, string> Transient() => new()
    {
        { new Orleans.Runtime.SiloUnavailableException("silo gone"), MetricNames.Cluster },
        { new Orleans.Runtime.Messaging.ConnectionFailedException("no gateway"), MetricNames.Cluster },
        { new Orleans.Runtime.GatewayTooBusyException(), MetricNames.Cluster },
        { new InvalidOperationException("wrapped", new TimeoutException("storage slow")), MetricNames.Timeout },
        { new Orleans.Storage.InconsistentStateException("etag moved"), MetricNames.Storage },
        { new Orleans.Runtime.OrleansException("Error from storage provider", new System.Net.Sockets.SocketException()), MetricNames.Network },
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public async Task ClusterOrStorageTroubleIsA503ToRetryCountedByCause(Exception exception, string cause)
    {
        var context = NewContext();
        using var unavailable = new MetricCollector<long>(context.RequestServices.GetRequiredService<IMeterFactory>(), ApiMetrics.MeterName, ApiMetrics.UnavailableName);
        Assert.True(await new TransientFailureHandler(NullLogger<TransientFailureHandler>.Instance).TryHandleAsync(context, exception, CancellationToken.None));

        var counted = Assert.Single(unavailable.GetMeasurementSnapshot());
        Assert.Equal((1L, cause), (counted.Value, counted.Tags[ApiMetrics.CauseTag]));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Contains("\"retryable\":true", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnythingElseIsLeftToTheDefaultHandler()
    {
        var context = NewContext();
        using var unavailable = new MetricCollector<long>(context.RequestServices.GetRequiredService<IMeterFactory>(), ApiMetrics.MeterName, ApiMetrics.UnavailableName);
        Assert.False(await new TransientFailureHandler(NullLogger<TransientFailureHandler>.Instance).TryHandleAsync(context, new InvalidOperationException("a bug"), CancellationToken.None));
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Empty(unavailable.GetMeasurementSnapshot());
    }

    private static DefaultHttpContext NewContext()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().AddMetrics().AddSingleton<ApiMetrics>().BuildServiceProvider();
        return new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
    }
}
