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
    public static bool IsTransient(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is Orleans.Storage.InconsistentStateException or TimeoutException or System.Data.Common.DbException or System.Net.Sockets.SocketException
                or Azure.RequestFailedException or Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException
                or Orleans.Runtime.Messaging.ConnectionFailedException or Orleans.Runtime.GatewayTooBusyException)
            {
                return true;
            }
        }

        return false;
    }

    public static IResult Unavailable(string idField = "authorizationId") =>
        new WithRetryAfter(Results.Problem(
            detail: $"The change could not be made durable; nothing was answered. Retry with the same {idField}.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Temporarily unavailable",
            type: "https://httpstatuses.io/503",
            extensions: new Dictionary<string, object?> { ["retryable"] = true }));

    /// <summary>The 503 of a request no endpoint caught trouble for: any request, read or write.</summary>
    public static IResult ClusterUnavailable() =>
        new WithRetryAfter(Results.Problem(
            detail: "The cluster or its storage did not answer. Retry: a request retried with the same id is never counted twice.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Temporarily unavailable",
            type: "https://httpstatuses.io/503",
            extensions: new Dictionary<string, object?> { ["retryable"] = true }));

    public static IResult Conflict(string detail) => Status(StatusCodes.Status409Conflict, "Conflict", detail, "https://actorrisk.dev/problems/idempotency-conflict");

    /// <summary>A 503 says when to come back: storage outages here are seconds, not minutes.</summary>
    private sealed class WithRetryAfter(IResult problem) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.RetryAfter = "1";
            return problem.ExecuteAsync(httpContext);
        }
    }
}
