using System.Security.Claims;
using ActorRisk.Api.Merchants;
using ActorRisk.Api.Security;
using Microsoft.Extensions.Options;

namespace ActorRisk.Api.Endpoints;

/// <summary>
/// Operators suspend a merchant (every authorization there is declined, reason merchant_suspended) and reinstate
/// it. Both are audited with who and why, and both are safe to retry.
/// </summary>
internal static class MerchantSuspensionEndpoints
{
    public static void MapMerchantSuspensionEndpoints(this IEndpointRouteBuilder app)
    {
        var merchants = app.MapGroup("/v1/merchants").WithTags("Merchants");
        merchants.MapPost("/{merchantId}/suspend", (string merchantId, HttpRequest http, MerchantOperations operations, IOptions<ApiOptions> options) =>
                ActAsync(merchantId, http, operations, options, suspend: true))
            .RequireAuthorization(ApiPermissions.ManageMerchants)
            .WithName("SuspendMerchant")
            .WithSummary("Suspend a merchant: every authorization there is declined (merchant_suspended) until it is reinstated. Audited.")
            .Produces<MerchantSuspensionResponse>()
            .ProducesValidationProblem();
        merchants.MapPost("/{merchantId}/reinstate", (string merchantId, HttpRequest http, MerchantOperations operations, IOptions<ApiOptions> options) =>
                ActAsync(merchantId, http, operations, options, suspend: false))
            .RequireAuthorization(ApiPermissions.ManageMerchants)
            .WithName("ReinstateMerchant")
            .WithSummary("Lift a merchant's suspension. Audited; reinstating a merchant that is not suspended changes nothing.")
            .Produces<MerchantSuspensionResponse>()
            .ProducesValidationProblem();
    }

    private static async Task<IResult> ActAsync(string merchantId, HttpRequest http, MerchantOperations operations, IOptions<ApiOptions> options, bool suspend)
    {
        var (document, problem) = await JsonBody.ReadAsync(http, options.Value.MaxRequestBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var fields = new RequestFields(document!.RootElement);
            fields.PathId("merchantId", merchantId);

            var reason = fields.AuditReason();
            if (!fields.IsValid)
            {
                return Problems.Validation(fields.Errors);
            }

            var actor = http.HttpContext.User.FindFirstValue(ClaimTypes.Name) ?? "unknown";
            if (suspend)
            {
                var suspension = await operations.SuspendAsync(merchantId, reason!, actor);
                return Results.Ok(new MerchantSuspensionResponse(merchantId, true, suspension.ToBody()));
            }

            await operations.ReinstateAsync(merchantId, reason!, actor);
            return Results.Ok(new MerchantSuspensionResponse(merchantId, false, null));
        }
    }
}
