using ActorRisk.Api.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorRisk.Api.Tests.Endpoints;

/// <summary>
/// An exception no endpoint handled: cluster or storage trouble is a 503 problem to retry, on any endpoint; anything
/// else is left to the default handler (a 500, which says it is ActorRisk's bug).
/// </summary>
public sealed class TransientFailureHandlerTests
{
    public static TheoryData<Exception> Transient() =>
    [
        new Orleans.Runtime.SiloUnavailableException("silo gone"),
        new Orleans.Runtime.Messaging.ConnectionFailedException("no gateway"),
        new Orleans.Runtime.GatewayTooBusyException(),
        new InvalidOperationException("wrapped", new TimeoutException("storage slow")),
    ];

    [Theory]
    [MemberData(nameof(Transient))]
    public async Task ClusterOrStorageTroubleIsA503ToRetry(Exception exception)
    {
        var context = NewContext();
        Assert.True(await new TransientFailureHandler(NullLogger<TransientFailureHandler>.Instance).TryHandleAsync(context, exception, CancellationToken.None));

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
        Assert.False(await new TransientFailureHandler(NullLogger<TransientFailureHandler>.Instance).TryHandleAsync(context, new InvalidOperationException("a bug"), CancellationToken.None));
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    private static DefaultHttpContext NewContext()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        return new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
    }
}
