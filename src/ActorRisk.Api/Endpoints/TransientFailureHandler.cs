using Microsoft.AspNetCore.Diagnostics;

namespace ActorRisk.Api.Endpoints;

/// <summary>
/// The last word on an exception no endpoint handled: storage or cluster trouble (<see cref="Problems.IsTransient"/>)
/// is a 503 problem with Retry-After on every endpoint, as the write endpoints already answer it, never a 500 that a
/// client cannot tell from a bug. Anything else goes on to the default handler.
/// </summary>
internal sealed partial class TransientFailureHandler(ILogger<TransientFailureHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!Problems.IsTransient(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogTransient(logger, httpContext.Request.Method, exception);
        await Problems.ClusterUnavailable(exception).ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(120, LogLevel.Warning, "{Method} answered 503: storage or the cluster did not answer")]
    private static partial void LogTransient(ILogger logger, string method, Exception exception);
}
