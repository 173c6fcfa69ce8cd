using System.Buffers;
using System.Security.Claims;
using ActorRisk.Domain.Merchants;
using ActorRisk.ReadModels.Audit;
using Microsoft.Extensions.Options;

namespace ActorRisk.Api.Endpoints;

/// <summary>
/// POST /v1/merchants/history:batch: a portfolio's past months as NDJSON, one row per line (a history row and its
/// merchantId). Rows are grouped by merchant and each merchant's are imported in one grain call when the file keeps
/// them together (up to 240 at a time, and at most <see cref="MerchantBatches{TRow}.MaxBuffered"/> rows waiting
/// across merchants), with the rows that can be imported kept and each refused one reported by line. Each merchant
/// whose rows changed its history gets one audit entry, written once the merchant has answered: a file sent again
/// changes nothing and adds none.
/// </summary>
internal static partial class HistoryBatchImport
{
    private const int InFlight = 64;

    public static async Task<IResult> ImportAsync(
        HttpContext http, IGrainFactory grains, IAuditLog audit, TimeProvider clock, MerchantSettings settings, IOptions<ApiOptions> options, ILoggerFactory loggers)
    {
        var query = new QueryFields(http.Request.Query);
        var replace = query.Boolean("replace") ?? false;
        if (!query.IsValid)
        {
            return Problems.Validation(query.Errors);
        }

        if (NdjsonUpload.Refuse(http, options.Value) is { } refused)
        {
            return refused;
        }

        var report = new HistoryBatchReport();
        var importer = new MerchantImporter(grains, audit, clock, report, loggers.CreateLogger(typeof(HistoryBatchImport)), http.User.FindFirstValue(ClaimTypes.Name) ?? "unknown", replace);
        using var gate = new SemaphoreSlim(InFlight);
        var batches = new MerchantBatches<HistoryRow>(importer.ImportAsync, report, gate, HistoryRows.MaxRowsPerRequest);
        var lines = await NdjsonUpload.ReadLinesAsync(http, options.Value, report, async (row, line) =>
        {
            if (ParseRow(row, line, clock, settings, report) is { } parsed)
            {
                await batches.AddAsync(parsed.MerchantId, parsed, http.RequestAborted);
            }
        });

        await batches.CompleteAsync(http.RequestAborted);
        return lines is { } count ? Results.Ok(report.ToResponse(count)) : NdjsonUpload.TooLarge(options.Value.MaxBulkBodyBytes);
    }

    // Internal so the fuzz tests (ActorRisk.Api.Tests) drive it without HTTP.
    internal static HistoryRow? ParseRow(ReadOnlySequence<byte> row, int line, TimeProvider clock, MerchantSettings settings, BulkReport report)
    {
        using var document = NdjsonUpload.ReadObject(row, line, report);
        if (document is null)
        {
            return null;
        }

        var fields = new RequestFields(document.RootElement);
        var merchantId = fields.Id("merchantId");
        var month = HistoryRows.Parse(fields, clock, settings);
        if (merchantId is null || month is null)
        {
            report.Reject(line, NdjsonUpload.IdOf(document.RootElement, "merchantId", 64), StatusCodes.Status400BadRequest, fields.Errors);
            return null;
        }

        return new HistoryRow(merchantId, month, line);
    }

    /// <summary>One line of the batch, read: the merchant's month and where it was in the file.</summary>
    internal sealed record HistoryRow(string MerchantId, ReportedMonth Month, int Line) : IBulkRow
    {
        public string? Id => MerchantId;
    }

    /// <summary>Imports one merchant's rows at a time, reports each, and audits the merchants whose history changed.</summary>
    private sealed class MerchantImporter(IGrainFactory grains, IAuditLog audit, TimeProvider clock, HistoryBatchReport report, ILogger logger, string actor, bool replace)
    {
        public async Task ImportAsync(string merchantId, IReadOnlyList<HistoryRow> rows)
        {
            ImmutableArray<ReportedMonth> months = [.. rows.Select(r => r.Month)];
            var grain = grains.GetGrain<IMerchantGrain>(merchantId);
            var result = await GrainCalls.RetryOnceOnConflictAsync(() => grain.ImportHistoryAsync(new HistoryImport(months, replace, AllOrNothing: false)));
            for (var i = 0; i < rows.Count; i++)
            {
                report.Count(rows[i].Line, merchantId, result.Rows[i]);
            }

            if (!result.Changed)
            {
                return;
            }

            var details = MerchantHistoryEndpoints.Details(months, replace, "batch");
            try
            {
                await audit.AppendAsync(new AuditEntry(Guid.NewGuid(), clock.GetUtcNow(), actor, MerchantHistoryEndpoints.AuditAction, merchantId, "History import (batch)", details));
            }
            catch (Exception exception) when (Problems.IsTransient(exception))
            {
                // The months are stored and answered; the entry goes to the log so the change is still traceable.
                NotAudited(logger, exception, merchantId, actor, details);
            }
        }
    }

    [LoggerMessage(130, LogLevel.Error, "History batch: the import for merchant {MerchantId} by {Actor} is stored but its audit entry could not be written ({Details})")]
    private static partial void NotAudited(ILogger logger, Exception exception, string merchantId, string actor, string details);
}
