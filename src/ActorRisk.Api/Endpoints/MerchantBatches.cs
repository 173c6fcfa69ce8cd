namespace ActorRisk.Api.Endpoints;

/// <summary>One row of a bulk upload on its way to its merchant: where it was in the file, and the id that names it in an error.</summary>
internal interface IBulkRow
{
    int Line { get; }

    string? Id { get; }
}

/// <summary>
/// A bulk file's rows grouped by merchant and handed to each merchant grain a batch at a time (one call, one state
/// write per batch instead of per row). Each merchant's batches go in file order, one at a time; different merchants
/// go in parallel, at most as many at once as the gate allows. Rows buffered across all merchants are bounded: past
/// <see cref="MaxBuffered"/>, every buffer is sent. A batch the cluster could not make durable is refused row by row
/// with 503, to be sent again.
/// </summary>
/// <param name="send">Sends one merchant's batch and reports each of its rows.</param>
/// <param name="batchSize">A merchant's rows are sent once this many are buffered.</param>
internal sealed class MerchantBatches<TRow>(Func<string, IReadOnlyList<TRow>, Task> send, BulkReport report, SemaphoreSlim gate, int batchSize)
    where TRow : IBulkRow
{
    public const int MaxBuffered = 20_000;

    private readonly Dictionary<string, List<TRow>> buffers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> sending = new(StringComparer.Ordinal);
    private int buffered;

    public async Task AddAsync(string merchantId, TRow row, CancellationToken cancellationToken)
    {
        if (!buffers.TryGetValue(merchantId, out var rows))
        {
            buffers[merchantId] = rows = [];
        }

        rows.Add(row);
        buffered++;
        if (rows.Count >= batchSize)
        {
            await SendAsync(merchantId, cancellationToken);
        }
        else if (buffered >= MaxBuffered)
        {
            foreach (var id in buffers.Keys.ToList())
            {
                await SendAsync(id, cancellationToken);
            }
        }
    }

    /// <summary>Sends what is left and waits for every batch's answer.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var id in buffers.Keys.ToList())
        {
            await SendAsync(id, cancellationToken);
        }

        await Task.WhenAll(sending.Values);
    }

    private async Task SendAsync(string merchantId, CancellationToken cancellationToken)
    {
        if (!buffers.Remove(merchantId, out var rows) || rows.Count == 0)
        {
            return;
        }

        buffered -= rows.Count;
        await gate.WaitAsync(cancellationToken);
        var previous = sending.GetValueOrDefault(merchantId, Task.CompletedTask);
        sending[merchantId] = SendAfterAsync(previous, merchantId, rows);
    }

    private async Task SendAfterAsync(Task previous, string merchantId, List<TRow> rows)
    {
        try
        {
            await previous;
            await send(merchantId, rows);
        }
        catch (Exception exception) when (Problems.IsTransient(exception))
        {
            foreach (var row in rows)
            {
                report.Reject(row.Line, row.Id, StatusCodes.Status503ServiceUnavailable, new() { ["$"] = ["Not made durable; send the file (or this row) again."] });
            }
        }
        finally
        {
            gate.Release();
        }
    }
}
