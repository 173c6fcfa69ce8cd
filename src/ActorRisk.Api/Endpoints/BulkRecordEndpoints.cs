using System.Buffers;
using ActorRisk.Api.Security;
using Microsoft.Extensions.Options;

namespace ActorRisk.Api.Endpoints;

/// <summary>
/// Nightly files: NDJSON uploads of sales batches, disputes or fraud reports (one record per line, the same fields
/// as the single-record endpoints). Valid rows are recorded, each idempotent by its id, so a whole file can be sent
/// again safely; invalid rows are reported by line number and do not stop the file.
/// </summary>
internal static class BulkRecordEndpoints
{
    /// <summary>A merchant's records are sent once this many are buffered: one grain call and one state write.</summary>
    public const int BatchSize = 256;

    private const int InFlight = 64;

    public static void MapBulkRecordEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Merchant records");
        foreach (var (path, kind) in new[] { ("/sales:batch", MerchantEventKind.Sales), ("/disputes:batch", MerchantEventKind.Dispute), ("/fraud-reports:batch", MerchantEventKind.FraudReport) })
        {
            group.MapPost(path, (HttpContext http, MerchantRecorder recorder, PanTokenizer tokenizer, TimeProvider clock, MerchantSettings settings, IOptions<ApiOptions> options) =>
                    ImportAsync(http, recorder, tokenizer, clock, settings, options.Value, kind))
                .RequireAuthorization(ApiPermissions.RecordMerchantEvents)
                .WithName($"Import{kind}")
                .WithSummary($"Record many {MerchantEvent.ScopeOf(kind)} rows from an NDJSON body; per-row errors, valid rows kept.")
                .Accepts<string>(NdjsonUpload.MediaType)
                .Produces<BulkImportResponse>()
                .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        }
    }

    private static async Task<IResult> ImportAsync(HttpContext http, MerchantRecorder recorder, PanTokenizer tokenizer, TimeProvider clock, MerchantSettings settings, ApiOptions options, MerchantEventKind kind)
    {
        if (NdjsonUpload.Refuse(http, options) is { } refused)
        {
            return refused;
        }

        var report = new ImportReport();
        using var gate = new SemaphoreSlim(InFlight);
        var batches = new MerchantBatches<RecordRow>((merchantId, rows) => RecordAsync(recorder, report, merchantId, rows), report, gate, BatchSize);
        var lines = await NdjsonUpload.ReadLinesAsync(http, options, report, async (row, line) =>
        {
            if (ParseRow(row, line, kind, tokenizer, clock, settings, report) is { } parsed)
            {
                await batches.AddAsync(parsed.MerchantId, new RecordRow(parsed.Record, parsed.Line), http.RequestAborted);
            }
        });

        await batches.CompleteAsync(http.RequestAborted);
        return lines is { } count ? Results.Ok(report.ToResponse(count)) : NdjsonUpload.TooLarge(options.MaxBulkBodyBytes);
    }

    // Internal so the fuzz tests (ActorRisk.Api.Tests) drive it without HTTP.
    internal static (string MerchantId, MerchantEvent Record, int Line)? ParseRow(ReadOnlySequence<byte> row, int line, MerchantEventKind kind, PanTokenizer tokenizer, TimeProvider clock, MerchantSettings settings, ImportReport report)
    {
        using var document = NdjsonUpload.ReadObject(row, line, report);
        if (document is null)
        {
            return null;
        }

        var fields = new RequestFields(document.RootElement);
        var (merchantId, record) = MerchantEndpoints.Parse(fields, kind, tokenizer, clock, settings);
        if (record is null || merchantId is null)
        {
            report.Reject(line, NdjsonUpload.IdOf(document.RootElement, MerchantEndpoints.IdField(kind), 128), StatusCodes.Status400BadRequest, fields.Errors);
            return null;
        }

        return (merchantId, record, line);
    }

    private static async Task RecordAsync(MerchantRecorder recorder, ImportReport report, string merchantId, IReadOnlyList<RecordRow> rows)
    {
        var outcomes = await recorder.RecordBatchAsync(merchantId, [.. rows.Select(r => r.Record)], CancellationToken.None);
        for (var i = 0; i < rows.Count; i++)
        {
            var (record, line) = rows[i];
            if (outcomes[i].Receipt is { } receipt)
            {
                report.Accept(receipt);
            }
            else if (outcomes[i].Problem is { Kind: RecordProblemKind.Conflict })
            {
                report.Reject(line, record.Id, StatusCodes.Status409Conflict, new() { [MerchantEndpoints.IdField(record.Kind)] = [new IngestionConflictException(record.Kind, record.Id).Message] });
            }
            else
            {
                report.Reject(line, record.Id, StatusCodes.Status400BadRequest, new() { [outcomes[i].Problem!.Field!] = [outcomes[i].Problem!.Reason!] });
            }
        }
    }

    private sealed record RecordRow(MerchantEvent Record, int Line) : IBulkRow
    {
        public string? Id => Record.Id;
    }
}
