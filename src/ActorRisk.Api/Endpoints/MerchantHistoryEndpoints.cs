using System.Security.Claims;
using System.Text.Json;
using ActorRisk.Api.Security;
using ActorRisk.Domain.Merchants;
using ActorRisk.ReadModels.Audit;
using Microsoft.Extensions.Options;

namespace ActorRisk.Api.Endpoints;

/// <summary>
/// History import: a processor adopting ActorRisk brings its merchants' past months, as its earlier system counted
/// them, so the programs' timelines (month in program, fines to date) continue instead of starting over. One
/// merchant's months in one request, all or nothing; a portfolio as an NDJSON batch (<see cref="HistoryBatchImport"/>).
/// </summary>
internal static class MerchantHistoryEndpoints
{
    public const string AuditAction = "merchant.history.import";

    public static void MapMerchantHistoryEndpoints(this IEndpointRouteBuilder app)
    {
        var merchants = app.MapGroup("/v1/merchants").WithTags("Merchants");
        merchants.MapPost("/{merchantId}/history", ImportAsync)
            .RequireAuthorization(ApiPermissions.ImportMerchantHistory)
            .WithName("ImportMerchantHistory")
            .WithSummary("Import a merchant's months before its first live month (monthly totals per network from the earlier system); all rows or none; the later months are evaluated again. Audited.")
            .Accepts<HistoryImportBody>("application/json")
            .Produces<MerchantResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        merchants.MapPost("/history:batch", HistoryBatchImport.ImportAsync)
            .RequireAuthorization(ApiPermissions.ImportMerchantHistory)
            .WithName("ImportMerchantHistoryBatch")
            .WithSummary("Import many merchants' months from an NDJSON body (one row per line with merchantId; ?replace=true); per-row errors, valid rows kept.")
            .Accepts<string>(NdjsonUpload.MediaType)
            .Produces<HistoryBatchResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }

    private static async Task<IResult> ImportAsync(
        string merchantId, HttpRequest http, IGrainFactory grains, IAuditLog audit, TimeProvider clock, MerchantSettings settings, IOptions<ApiOptions> options, CardPolicyStore policies)
    {
        var (document, problem) = await JsonBody.ReadAsync(http, options.Value.MaxHistoryBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var fields = new RequestFields(document!.RootElement);
            fields.PathId("merchantId", merchantId);
            var rows = fields.Items("months", 1, HistoryRows.MaxRowsPerRequest, "months");
            var months = rows?.Select(row => row is null ? null : HistoryRows.Parse(row, clock, settings)).ToList();
            var replace = fields.Boolean("replace") ?? false;
            var reason = fields.Has("reason") ? fields.AuditReason() : "History import";
            if (!fields.IsValid)
            {
                return Problems.Validation(fields.Errors);
            }

            ImmutableArray<ReportedMonth> import = [.. months!.Select(m => m!)];
            var actor = http.HttpContext.User.FindFirstValue(ClaimTypes.Name) ?? "unknown";
            await audit.AppendAsync(new AuditEntry(Guid.NewGuid(), clock.GetUtcNow(), actor, AuditAction, merchantId, reason!, Details(import, replace, "request")));
            try
            {
                var grain = grains.GetGrain<IMerchantGrain>(merchantId);
                var result = await GrainCalls.RetryOnceOnConflictAsync(() => grain.ImportHistoryAsync(new HistoryImport(import, replace, AllOrNothing: true)));
                return Refusal(result.Rows) ?? Results.Ok(result.Merchant.ToResponse(policies.Book.Suspensions.GetValueOrDefault(merchantId)));
            }
            catch (Exception exception) when (Problems.IsTransient(exception))
            {
                return Problems.Unavailable(exception, "months (an import sent again changes nothing it already changed)");
            }
        }
    }

    /// <summary>The audit's details of an import: how many rows, which months, whether they replace earlier ones.</summary>
    public static string Details(IReadOnlyCollection<ReportedMonth> months, bool replace, string source) =>
        JsonSerializer.Serialize(new
        {
            source,
            rows = months.Count,
            from = months.Min(m => m.Month).ToString(),
            to = months.Max(m => m.Month).ToString(),
            replace,
        });

    /// <summary>
    /// The answer to an import the merchant refused, or null when it refused no row: 400 naming each refused row's field
    /// as months[i].field, or, when every refusal is a month imported before with other totals, 409 naming them.
    /// </summary>
    private static IResult? Refusal(ImmutableArray<HistoryRowOutcome> rows)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var conflicts = new List<HistoryRowOutcome>();
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i] is { Status: HistoryRowStatus.Refused, Problem: { } refused })
            {
                var field = $"months[{i}].{refused.Field ?? "month"}";
                errors[field] = errors.TryGetValue(field, out var more) ? [.. more, refused.Reason ?? "Refused."] : [refused.Reason ?? "Refused."];
                if (refused.Kind == RecordProblemKind.Conflict)
                {
                    conflicts.Add(rows[i]);
                }
            }
        }

        if (errors.Count == 0)
        {
            return null;
        }

        if (conflicts.Count < errors.Count)
        {
            return Problems.Validation(errors);
        }

        var named = string.Join(", ", conflicts.Select(c => $"{c.Month} on {c.Network.Name()}"));
        return Results.Problem(
            detail: $"Imported before with other totals: {named}. Nothing was imported; send the months with \"replace\": true to replace them (the later months are evaluated again).",
            statusCode: StatusCodes.Status409Conflict,
            title: "History conflict",
            type: "https://actorrisk.dev/problems/history-conflict",
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
    }
}
