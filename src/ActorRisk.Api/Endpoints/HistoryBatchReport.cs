namespace ActorRisk.Api.Endpoints;

/// <summary>The answer to a history batch: rows imported, replaced, unchanged, and each refused row with its line and fields.</summary>
internal sealed class HistoryBatchReport : BulkReport
{
    private int imported;
    private int replaced;
    private int unchanged;

    /// <summary>Counts one row by what the merchant did with it; a refused row is rejected on its line with its field.</summary>
    public void Count(int line, string merchantId, HistoryRowOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        switch (outcome.Status)
        {
            case HistoryRowStatus.Imported:
                Interlocked.Increment(ref imported);
                break;
            case HistoryRowStatus.Replaced:
                Interlocked.Increment(ref replaced);
                break;
            case HistoryRowStatus.Unchanged:
                Interlocked.Increment(ref unchanged);
                break;
            default:
                var problem = outcome.Problem;
                Reject(
                    line,
                    merchantId,
                    problem?.Kind == RecordProblemKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
                    new() { [problem?.Field ?? "month"] = [problem?.Reason ?? "Refused."] });
                break;
        }
    }

    public HistoryBatchResponse ToResponse(int lines)
    {
        var (rejected, errors, truncated) = Refused();
        return new HistoryBatchResponse(lines, imported, replaced, unchanged, rejected, errors, truncated);
    }
}
