namespace ActorRisk.Api.Endpoints;

/// <summary>
/// What every bulk upload answers about its refused rows: how many, and each with its line and fields (the first
/// <see cref="MaxListedErrors"/>, in line order). Rows are answered from several merchants' calls at once, so it is
/// thread-safe; each kind of upload adds its own counts.
/// </summary>
internal abstract class BulkReport
{
    public const int MaxListedErrors = 1_000;

    private readonly List<BulkRowError> errors = [];
    private int rejected;

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

    /// <summary>The refused rows so far: their count, the listed ones in line order, and whether the list was cut short.</summary>
    protected (int Rejected, IReadOnlyList<BulkRowError> Errors, bool Truncated) Refused()
    {
        lock (errors)
        {
            return (rejected, [.. errors.OrderBy(e => e.Line)], rejected > errors.Count);
        }
    }
}
