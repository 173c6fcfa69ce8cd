using System.Security.Claims;
using ActorRisk.Silo.Alerts;
using ActorRisk.Silo.Hosting;
using ActorRisk.Silo.Security;
using Microsoft.Extensions.Options;

namespace ActorRisk.Silo.Api;

/// <summary>Merchant alerts from the outbox (newest first), with their webhook delivery, and the operator's acknowledgement.</summary>
internal static class AlertEndpoints
{
    public static void MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/alerts").WithTags("Alerts");
        group.MapGet("", ListAsync)
            .RequireAuthorization(Policies.Reader)
            .WithName("ListAlerts")
            .WithSummary("Merchant alerts, newest first (?merchantId=&kind=&acknowledged=&limit=).")
            .Produces<IReadOnlyList<AlertResponse>>()
            .ProducesValidationProblem();
        group.MapPost("/{alertId}/acknowledge", AcknowledgeAsync)
            .RequireAuthorization(Policies.Operator)
            .WithName("AcknowledgeAlert")
            .WithSummary("Acknowledge an alert (once; later calls return it unchanged). Audited.")
            .Accepts<AcknowledgeBody>("application/json")
            .Produces<AlertResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(HttpRequest http, IAlertOutbox outbox)
    {
        var errors = new Dictionary<string, string[]>();
        var merchantId = http.Query["merchantId"].ToString() is { Length: > 0 } m ? m : null;
        if (merchantId is not null && !RequestFields.IsId(merchantId, 64))
        {
            errors["merchantId"] = ["Use only letters, digits and - _ . : (at most 64)."];
        }

        MerchantAlertKind? kind = null;
        if (http.Query["kind"].ToString() is { Length: > 0 } k)
        {
            if (EnumNames.TryParse<MerchantAlertKind>(k, out var parsed))
            {
                kind = parsed;
            }
            else
            {
                errors["kind"] = [$"Must be one of: {string.Join(", ", Enum.GetValues<MerchantAlertKind>().Select(v => v.Name()))}."];
            }
        }

        bool? acknowledged = null;
        if (http.Query["acknowledged"].ToString() is { Length: > 0 } a)
        {
            acknowledged = a switch { "true" => true, "false" => false, _ => null };
            if (acknowledged is null)
            {
                errors["acknowledged"] = ["Must be true or false."];
            }
        }

        var limit = 100;
        if (http.Query["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 1_000))
        {
            errors["limit"] = ["Must be a whole number from 1 to 1000."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var alerts = await outbox.ListAsync(new AlertQuery(merchantId, kind, acknowledged, limit), http.HttpContext.RequestAborted);
        return Results.Ok(alerts.Select(ToResponse).ToList());
    }

    private static async Task<IResult> AcknowledgeAsync(string alertId, HttpRequest http, AlertOperations operations, IOptions<SiloOptions> options)
    {
        var (document, problem) = await JsonBody.ReadAsync(http, options.Value.MaxRequestBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var fields = new RequestFields(document!.RootElement);
            var reason = fields.String("reason", required: true, maxLength: 500);
            if (reason is not null && string.IsNullOrWhiteSpace(reason))
            {
                fields.Fail("reason", "Must not be blank.");
            }

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
