using System.Security.Claims;
using ActorRisk.Api.Alerts;
using ActorRisk.Api.Security;
using ActorRisk.ReadModels.Alerts;
using Microsoft.Extensions.Options;

namespace ActorRisk.Api.Endpoints;

/// <summary>Merchant alerts from the outbox (newest first), with their webhook delivery, and the operator's acknowledgement.</summary>
internal static class AlertEndpoints
{
    // "{merchantId}:{kind}:{program}:{yyyy-MM}": a 64-character merchant id and the longest kind and program fit.
    private const int MaxAlertIdLength = 128;

    public static void MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/alerts").WithTags("Alerts");
        group.MapGet("", ListAsync)
            .RequireAuthorization(ApiPermissions.ReadAlerts)
            .WithName("ListAlerts")
            .WithSummary("Merchant alerts, newest first (?merchantId=&kind=&acknowledged=&limit=).")
            .Produces<IReadOnlyList<AlertResponse>>()
            .ProducesValidationProblem();
        group.MapPost("/{alertId}/acknowledge", AcknowledgeAsync)
            .RequireAuthorization(ApiPermissions.AcknowledgeAlerts)
            .WithName("AcknowledgeAlert")
            .WithSummary("Acknowledge an alert (once; later calls return it unchanged). Audited.")
            .Accepts<AcknowledgeBody>("application/json")
            .Produces<AlertResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(HttpRequest http, IAlertOutbox outbox)
    {
        var query = new QueryFields(http.Query);
        var merchantId = query.Id("merchantId", 64);
        var kind = query.Enum<MerchantAlertKind>("kind", k => k.Name());
        var acknowledged = query.Boolean("acknowledged");
        var limit = query.Int("limit", 100, 1, 1_000);
        if (!query.IsValid)
        {
            return Problems.Validation(query.Errors);
        }

        var alerts = await outbox.ListAsync(new AlertQuery(merchantId, kind, acknowledged, limit), http.HttpContext.RequestAborted);
        return Results.Ok(alerts.Select(ToResponse).ToList());
    }

    private static async Task<IResult> AcknowledgeAsync(string alertId, HttpRequest http, AlertOperations operations, IOptions<ApiOptions> options)
    {
        var (document, problem) = await JsonBody.ReadAsync(http, options.Value.MaxRequestBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var fields = new RequestFields(document!.RootElement);
            fields.PathId("alertId", alertId, MaxAlertIdLength);
            var reason = fields.AuditReason();

            if (!fields.IsValid)
            {
                return Problems.Validation(fields.Errors);
            }

            var actor = http.HttpContext.User.FindFirstValue(ClaimTypes.Name) ?? "unknown";
            var acknowledged = await operations.AcknowledgeAsync(alertId, actor, reason!, http.HttpContext.RequestAborted);
            if (acknowledged is null)
            {
                return Problems.NotFound($"No alert '{alertId}' is known.");
            }

            return Results.Ok(ToResponse(acknowledged));
        }
    }

    private static AlertResponse ToResponse(StoredAlert stored) => new(
        stored.Alert.Id,
        stored.Alert.MerchantId,
        stored.Alert.Kind.Name(),
        stored.Alert.Program?.ToString(),
        stored.Alert.Month,
        stored.Alert.RaisedAt,
        stored.Alert.Message,
        new AlertDeliveryBody(stored.Delivery.Name(), stored.Attempts, stored.NextAttemptAt, stored.DeliveredAt, stored.LastError),
        stored.AcknowledgedBy,
        stored.AcknowledgedAt);
}

public sealed record AcknowledgeBody(string Reason);

public sealed record AlertDeliveryBody(string Status, int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, string? LastError);

public sealed record AlertResponse(
    string Id,
    string MerchantId,
    string Kind,
    string? Program,
    YearMonth Month,
    DateTimeOffset RaisedAt,
    string Message,
    AlertDeliveryBody Delivery,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt);
