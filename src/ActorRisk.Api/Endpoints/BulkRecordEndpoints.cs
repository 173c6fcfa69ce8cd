using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using ActorRisk.Api.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ActorRisk.Api.Endpoints;

/// <summary>
/// Nightly files: NDJSON uploads of sales batches, disputes or fraud reports (one record per line, the same fields
/// as the single-record endpoints). Valid rows are recorded, each idempotent by its id, so a whole file can be sent
/// again safely; invalid rows are reported by line number and do not stop the file.
/// </summary>
internal static class BulkRecordEndpoints
{
    public const string MediaType = "application/x-ndjson";

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
                .Accepts<string>(MediaType)
                .Produces<BulkImportResponse>()
                .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        }
    }

    private static async Task<IResult> ImportAsync(HttpContext http, MerchantRecorder recorder, PanTokenizer tokenizer, TimeProvider clock, MerchantSettings settings, ApiOptions options, MerchantEventKind kind)
    {
        if (!RequestMediaType.Is(http.Request.ContentType, MediaType))
        {
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send one JSON object per line as {MediaType} (UTF-8).");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxBulkBodyBytes;
        }

        if (http.Request.ContentLength > options.MaxBulkBodyBytes)
        {
            return TooLarge(options.MaxBulkBodyBytes);
        }

        var report = new ImportReport();
        using var gate = new SemaphoreSlim(InFlight);
        var batches = new MerchantBatches(recorder, report, gate);
        var reader = http.Request.BodyReader;
        var line = 0;
        var skipping = false;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(http.RequestAborted);
                var buffer = read.Buffer;
                if (skipping)
                {
                    // The rest of an over-long row: dropped without being buffered.
                    if (buffer.PositionOf((byte)'\n') is not { } newline)
                    {
                        reader.AdvanceTo(buffer.End);
                        if (read.IsCompleted)
                        {
                            break;
                        }

                        continue;
                    }

                    buffer = buffer.Slice(buffer.GetPosition(1, newline));
                    skipping = false;
                }

                while (TryReadLine(ref buffer, read.IsCompleted, out var row))
                {
                    line++;
                    if (row.Length > options.MaxRequestBodyBytes)
                    {
                        report.Reject(line, null, StatusCodes.Status413PayloadTooLarge, new() { ["$"] = [$"A row may be at most {options.MaxRequestBodyBytes:N0} bytes."] });
                        continue;
                    }

                    if (IsBlank(row))
                    {
                        continue;
                    }

                    var parsed = ParseRow(row, line, kind, tokenizer, clock, settings, report);
                    if (parsed is not { } record)
                    {
                        continue;
                    }

                    await batches.AddAsync(record.MerchantId, record.Record, record.Line, http.RequestAborted);
                }

                if (!read.IsCompleted && buffer.Length > options.MaxRequestBodyBytes)
                {
                    line++;
                    report.Reject(line, null, StatusCodes.Status413PayloadTooLarge, new() { ["$"] = [$"A row may be at most {options.MaxRequestBodyBytes:N0} bytes."] });
                    buffer = buffer.Slice(buffer.End);
                    skipping = true;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await batches.CompleteAsync(http.RequestAborted);
            return TooLarge(options.MaxBulkBodyBytes);
        }

        await batches.CompleteAsync(http.RequestAborted);
        return Results.Ok(report.ToResponse(line));
    }

    // ParseRow, TryReadLine and IsBlank are internal so the fuzz tests (ActorRisk.Api.Tests) drive them without HTTP.
    internal static (string MerchantId, MerchantEvent Record, int Line)? ParseRow(ReadOnlySequence<byte> row, int line, MerchantEventKind kind, PanTokenizer tokenizer, TimeProvider clock, MerchantSettings settings, ImportReport report)
    {
        JsonDocument document;
        try
        {
            var json = new Utf8JsonReader(row, new JsonReaderOptions { MaxDepth = 16 });
            document = JsonDocument.ParseValue(ref json);
            if (json.Read())
            {
                document.Dispose();
                report.Reject(line, null, StatusCodes.Status400BadRequest, new() { ["$"] = ["More than one JSON value on the line."] });
                return null;
            }
        }
        catch (JsonException)
        {
            report.Reject(line, null, StatusCodes.Status400BadRequest, new() { ["$"] = ["Malformed JSON."] });
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                report.Reject(line, null, StatusCodes.Status400BadRequest, new() { ["$"] = ["Each line must be a JSON object."] });
                return null;
            }

            var text = JsonText.Check(document.RootElement);
            if (text.Count > 0)
            {
                report.Reject(line, null, StatusCodes.Status400BadRequest, text);
                return null;
            }

            var fields = new RequestFields(document.RootElement);
            var (merchantId, record) = MerchantEndpoints.Parse(fields, kind, tokenizer, clock, settings);
            if (record is null || merchantId is null)
            {
                var id = document.RootElement.TryGetProperty(MerchantEndpoints.IdField(kind), out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                report.Reject(line, id, StatusCodes.Status400BadRequest, fields.Errors);
                return null;
            }

            return (merchantId, record, line);
        }
    }

    /// <summary>
    /// Takes the next line off <paramref name="buffer"/>: the bytes before the next '\n' (a '\r' before it stays in the
    /// line), or, once <paramref name="final"/>, whatever is left if anything is. False while a line is incomplete.
    /// </summary>
    internal static bool TryReadLine(ref ReadOnlySequence<byte> buffer, bool final, out ReadOnlySequence<byte> line)
    {
        if (buffer.PositionOf((byte)'\n') is { } end)
        {
            line = buffer.Slice(0, end);
            buffer = buffer.Slice(buffer.GetPosition(1, end));
            return true;
        }

        if (final && !buffer.IsEmpty)
        {
            line = buffer;
            buffer = buffer.Slice(buffer.End);
            return true;
        }

        line = default;
        return false;
    }

    internal static bool IsBlank(ReadOnlySequence<byte> row)
    {
        foreach (var segment in row)
        {
            if (segment.Span.IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)'\r') >= 0)
            {
                return false;
            }
        }

        return true;
    }

    private static IResult TooLarge(long maxBytes) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Upload too large", $"A bulk upload may be at most {maxBytes:N0} bytes; split the file.");
}
