namespace ActorRisk.Api.Endpoints;

/// <summary>The answer to a bulk upload: counts, and each refused row with its line and fields (the first ones listed).</summary>
internal sealed class ImportReport
{
    private const int MaxListedErrors = 1_000;

    private readonly List<BulkRowError> errors = [];
    private int accepted;
    private int replayed;
    private int late;
    private int rejected;

    public void Accept(IngestionReceipt receipt)
    {
        Interlocked.Increment(ref accepted);
        if (receipt.Replayed)
        {
            Interlocked.Increment(ref replayed);
        }

        if (receipt.Late)
        {
            Interlocked.Increment(ref late);
        }
    }

    public void Reject(int line, string? id, int status, Dictionary<string, string[]> fieldErrors)
    {
        Interlocked.Increment(ref rejected);
        lock (errors)
        {
            if (errors.Count < MaxListedErrors)
            {
                errors.Add(new BulkRowError(line, id, status, fieldErrors));
            }
        }
    }

    public BulkImportResponse ToResponse(int lines)
    {
        lock (errors)
        {
            return new BulkImportResponse(lines, accepted, replayed, late, rejected, [.. errors.OrderBy(e => e.Line)], rejected > errors.Count);
        }
    }
}
