namespace ActorRisk.Api.Endpoints;

/// <summary>The answer to a bulk upload of records: counts, and each refused row with its line and fields (the first ones listed).</summary>
internal sealed class ImportReport : BulkReport
{
    private int accepted;
    private int replayed;
    private int late;

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

    public BulkImportResponse ToResponse(int lines)
    {
        var (rejected, errors, truncated) = Refused();
        return new BulkImportResponse(lines, accepted, replayed, late, rejected, errors, truncated);
    }
}
