using ActorRisk.Api.Diagnostics;

namespace ActorRisk.Api.Endpoints;

/// <summary>RFC 9457 problem+json answers.</summary>
internal static class Problems
{
    public static IResult Validation(Dictionary<string, string[]> errors, string? detail = null) =>
        Results.ValidationProblem(
            errors,
            detail: detail ?? $"Check the field{(errors.Count == 1 ? string.Empty : "s")} {string.Join(", ", errors.Keys)}.",
            title: "The request is not valid",
            type: "https://actorrisk.dev/problems/validation");

    public static IResult Status(int status, string title, string detail, string? type = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: type ?? $"https://httpstatuses.io/{status}");

    public static IResult NotFound(string what) => Status(StatusCodes.Status404NotFound, "Not found", what);

    /// <summary>
    /// Storage or cluster trouble that a retry with the same id can get past: a store that does not answer, a silo that
    /// left, or (in an API tier) no silo to connect to.
    /// </summary>
    /// Orleans wraps a storage provider's failure ("Error from storage provider ..."), so the causes are looked at too.
    public static bool IsTransient(Exception exception) => TransientCause(exception) is not null;

    /// <summary>
    /// What a transient failure came from, as <see cref="ApiMetrics.UnavailableName"/> tags it (the first cause that
    /// tells, outermost first), or null when it is not transient.
    /// </summary>
    public static string? TransientCause(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case Orleans.Storage.InconsistentStateException or System.Data.Common.DbException or Azure.RequestFailedException:
                    return MetricNames.Storage;
                case TimeoutException:
                    return MetricNames.Timeout;
                case System.Net.Sockets.SocketException:
                    return MetricNames.Network;
                case Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException
                    or Orleans.Runtime.Messaging.ConnectionFailedException or Orleans.Runtime.GatewayTooBusyException:
                    return MetricNames.Cluster;
            }
        }

        return null;
    }

    public static IResult Unavailable(Exception exception, string idField = "authorizationId") =>
        new WithRetryAfter(TransientCause(exception), Results.Problem(
            detail: $"The change could not be made durable; nothing was answered. Retry with the same {idField}.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Temporarily unavailable",
            type: "https://httpstatuses.io/503",
            extensions: new Dictionary<string, object?> { ["retryable"] = true }));

    /// <summary>The 503 of a request no endpoint caught trouble for: any request, read or write.</summary>
    public static IResult ClusterUnavailable(Exception exception) =>
        new WithRetryAfter(TransientCause(exception), Results.Problem(
            detail: "The cluster or its storage did not answer. Retry: a request retried with the same id is never counted twice.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Temporarily unavailable",
            type: "https://httpstatuses.io/503",
            extensions: new Dictionary<string, object?> { ["retryable"] = true }));

    public static IResult Conflict(string detail) => Status(StatusCodes.Status409Conflict, "Conflict", detail, "https://actorrisk.dev/problems/idempotency-conflict");

    /// <summary>A 503 says when to come back: storage outages here are seconds, not minutes. Every 503 passes here, so it is counted here.</summary>
    private sealed class WithRetryAfter(string? cause, IResult problem) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.RequestServices.GetService<ApiMetrics>()?.Unavailable(cause ?? "other");
            httpContext.Response.Headers.RetryAfter = "1";
            return problem.ExecuteAsync(httpContext);
        }
    }
}
