using ActorRisk.Api.Security;
using Microsoft.Extensions.Options;

namespace ActorRisk.Api.Endpoints;

/// <summary>
/// The benchmark baseline (off unless ActorRisk:Benchmark:BareEndpoint is true): the same authentication, body
/// reading, validation and tokenization as POST /v1/authorizations, then a fixed answer without grains or
/// storage. The ratio of the two endpoints' throughput in one run is the cost of deciding.
/// </summary>
internal static class BaselineEndpoint
{
    public static void MapBaselineEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/bench/bare", async (HttpRequest http, PanTokenizer tokenizer, TimeProvider clock, IOptions<ApiOptions> options) =>
            {
                var (document, problem) = await JsonBody.ReadAsync(http, options.Value.MaxRequestBodyBytes);
                if (problem is not null)
                {
                    return problem;
                }

                using (document)
                {
                    var fields = new RequestFields(document!.RootElement);
                    if (AuthorizationEndpoints.Parse(fields, tokenizer) is not { } command)
                    {
                        return Problems.Validation(fields.Errors);
                    }

                    return Results.Ok(new AuthorizationResponse(
                        command.Request.Authorization.AuthorizationId, command.CardToken, command.Request.Last4, "approve",
                        [new ReasonBody("no_risk_signals", "approve", "Baseline endpoint: fixed answer.")],
                        false, null, clock.GetUtcNow(), false));
                }
            })
            .RequireAuthorization(ApiPermissions.Authorize)
            .ExcludeFromDescription();
}
