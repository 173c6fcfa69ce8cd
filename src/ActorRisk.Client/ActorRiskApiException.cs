using System.Net;

namespace ActorRisk.Client;

/// <summary>The silo answered with an error (problem+json): status, title, detail and, for 400, the fields at fault.</summary>
public sealed class ActorRiskApiException(HttpStatusCode status, string? title, string? detail, IReadOnlyDictionary<string, string[]> errors)
    : Exception($"{(int)status} {title}: {detail}")
{
    public HttpStatusCode Status { get; } = status;

    public string? Title { get; } = title;

    public string? Detail { get; } = detail;

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
