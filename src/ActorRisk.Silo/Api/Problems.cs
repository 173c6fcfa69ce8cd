namespace ActorRisk.Silo.Api;

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

    public static IResult Conflict(string detail) => Status(StatusCodes.Status409Conflict, "Conflict", detail, "https://actorrisk.dev/problems/idempotency-conflict");
}
